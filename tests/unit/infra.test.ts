import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/src/config';
import { contentSecurityPolicy } from '../../infra/tab-headers';
import { parseEnvFile } from '../../manifest/package';

/** No Bicep compiler runs here, so these tests hold the templates to the code that reads their settings. */
const INFRA = join(import.meta.dirname, '../../infra');
const read = (path: string) => readFileSync(join(INFRA, path), 'utf8');
const main = read('main.bicep');
const modules = Object.fromEntries(readdirSync(join(INFRA, 'modules')).map((file) => [file, read(`modules/${file}`)]));
const functionApp = modules['function-app.bicep']!;
const identity = modules['identity.bicep']!;
const access = modules['access.bicep']!;
const storage = modules['storage.bicep']!;
const webPubSub = modules['web-pubsub.bicep']!;
const all = [main, ...Object.values(modules)].join('\n');

/** What each parameter of the Function App module stands for, as a value of its kind. */
const SAMPLES: Record<string, string> = {
  TABLES_ENDPOINT: 'https://careerconvabc.table.core.windows.net/',
  ENTRA_CLIENT_ID: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
  ALLOWED_TENANT_IDS: '1736b4c5-d7c7-462a-aa17-fdf2016559c3',
  identityClientId: '8d3f0c2a-6b1e-4f7d-9a5c-2e4b6d8f0a1c',
  WEBPUBSUB_ENDPOINT: 'https://careerconv-live-abc.webpubsub.azure.com',
  WEBPUBSUB_HUB: 'conversations',
  LIVE_GROUP_KEY: 'k2x7q1abcdefgm3n8p0abcdefgz9y4w6abcdefg',
  TEAMS_APP_ID: '2f7c9a4e-1b3d-4f6a-9c8e-5d2b7a1e3f40',
  // The template's default: none set, so the API looks the catalog id up.
  TEAMS_APP_CATALOG_ID: '',
};

/** A Bicep value: a string literal (with ${param} filled from SAMPLES), a sample parameter, or <expression>. */
function evaluate(expression: string): string {
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return literal[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => SAMPLES[name] ?? `<${name}>`);
  return SAMPLES[expression] ?? `<${expression}>`;
}

/** The app settings the Function App gets, as raw Bicep expressions. */
function appSettingExpressions(): Record<string, string> {
  const block = /appSettings: \[([\s\S]*?)\n {6}\]/.exec(functionApp)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^\s*\{ name: '([A-Za-z_]+)', value: (.+) \}$/gm)].map((match) => [match[1]!, match[2]!.trim()]),
  );
}

/** The app settings the Function App gets, with each parameter replaced by a value of its kind. */
function appSettings(): Record<string, string> {
  return Object.fromEntries(Object.entries(appSettingExpressions()).map(([name, value]) => [name, evaluate(value)]));
}

/** The body of a top-level resource or module declaration. */
function declaration(source: string, kind: 'resource' | 'module', name: string): string {
  return (
    new RegExp(`^${kind} ${name} '[^']+' = (?:if \\([^)]*\\) )?\\{([\\s\\S]*?)\\n\\}`, 'm').exec(source)?.[1] ?? ''
  );
}

/** Bicep code with string contents and // comments removed (a comment may hold an apostrophe, a string may hold //). */
function withoutStringsAndComments(source: string): string {
  let code = '';
  let inString = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === "'") inString = false;
      continue;
    }
    if (char === '/' && source[index + 1] === '/') {
      while (index < source.length && source[index] !== '\n') index += 1;
      code += '\n';
      continue;
    }
    if (char === "'") inString = true;
    else code += char;
  }
  return code;
}

describe('the Azure templates', () => {
  it('set every setting functions/src/config.ts requires, so the app starts in Azure', () => {
    const settings = appSettings();
    // WEBSITE_SITE_NAME is set by App Service itself; it must not trip the dev-mode guard.
    const config = loadConfig({ ...settings, WEBSITE_SITE_NAME: 'career-api' });
    expect(config.storage).toEqual({ kind: 'endpoint', endpoint: 'https://careerconvabc.table.core.windows.net/' });
    expect(config.auth).toMatchObject({ mode: 'entra', clientId: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c' });
    expect(config.directory).toMatchObject({ mode: 'graph', credential: { kind: 'managedIdentity' } });
    expect(config.identity).toEqual({ kind: 'managedIdentity', clientId: SAMPLES.identityClientId });
    // Live updates on, through the service's endpoint as the managed identity.
    expect(config.live).toEqual({
      mode: 'webPubSub',
      service: { kind: 'endpoint', endpoint: SAMPLES.WEBPUBSUB_ENDPOINT },
      hub: 'conversations',
      groupKey: SAMPLES.LIVE_GROUP_KEY,
    });
  });

  it('never use a storage key or connection string', () => {
    expect(all).not.toMatch(
      /listKeys|AccountKey|DefaultEndpointsProtocol|SharedAccessSignature|TABLES_CONNECTION_STRING/,
    );
    expect(all).not.toMatch(/name: 'AzureWebJobsStorage'/);
    expect(appSettings()).toHaveProperty('AzureWebJobsStorage__accountName');
    expect(storage).toMatch(/allowSharedKeyAccess: false/);
    expect(storage).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(storage).toMatch(/supportsHttpsTrafficOnly: true/);
    expect(storage).toMatch(/allowBlobPublicAccess: false/);
    // Telemetry too goes with the managed identity.
    expect(modules['monitoring.bicep']).toMatch(/DisableLocalAuth: true/);
    // And live updates: Web PubSub takes no access key, so no connection string can exist for it.
    expect(webPubSub).toMatch(/disableLocalAuth: true/);
    expect(webPubSub).toMatch(/disableAadAuth: false/);
    expect(all).not.toMatch(/WEBPUBSUB_CONNECTION_STRING|AccessKey|primaryKey|primaryConnectionString/);
  });

  it('run the Function App as a user-assigned identity only: Entra accepts no system identity as a federated credential', () => {
    expect(identity).toMatch(/^resource identity 'Microsoft\.ManagedIdentity\/userAssignedIdentities@[\d-]+' = \{/m);
    const site = declaration(functionApp, 'resource', 'site');
    expect(site).toMatch(
      /identity: \{\s*type: 'UserAssigned'\s*userAssignedIdentities: \{ '\$\{identityId\}': \{\} \}/,
    );
    expect(all).not.toMatch(/SystemAssigned/);
    expect(all).not.toMatch(/site\.identity\.principalId/);
    // main.bicep hands the module that identity's resource id and client id.
    const api = declaration(main, 'module', 'api');
    expect(api).toMatch(/identityId: identity\.outputs\.id$/m);
    expect(api).toMatch(/identityClientId: identity\.outputs\.clientId$/m);
  });

  it('name the identity by its client id in every setting that signs in with it', () => {
    const settings = appSettingExpressions();
    const clientId = SAMPLES.identityClientId!;
    // The Functions host's storage.
    expect(appSettings()).toMatchObject({
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: clientId,
      // Application Insights with Entra ID authentication as that identity.
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${clientId};Authorization=AAD`,
      // The code: Table Storage and the federated credential for Graph.
      MANAGED_IDENTITY_CLIENT_ID: clientId,
    });
    expect(settings.AzureWebJobsStorage__clientId).toBe('identityClientId');
    expect(settings.MANAGED_IDENTITY_CLIENT_ID).toBe('identityClientId');
    // The deployment container, read when an instance starts.
    expect(functionApp).toMatch(
      /authentication: \{ type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId \}/,
    );
    // Key Vault references resolve as it too.
    expect(declaration(functionApp, 'resource', 'site')).toMatch(/keyVaultReferenceIdentity: identityId/);
  });

  it('grant the identity its roles before the Function App exists', () => {
    const roles = [
      ['tableData', 'storageTableDataContributor', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', 'account'],
      ['blobData', 'storageBlobDataOwner', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', 'account'],
      ['telemetry', 'monitoringMetricsPublisher', '3913510d-42f4-4e42-8a64-420c390055eb', 'insights'],
      ['liveUpdates', 'webPubSubServiceOwner', '12cf5a90-567b-43ae-8102-96cf46c7d9b4', 'webPubSub'],
    ] as const;
    for (const [resource, role, id, scope] of roles) {
      const assignment = declaration(access, 'resource', resource);
      expect(assignment, resource).toMatch(new RegExp(`scope: ${scope}$`, 'm'));
      expect(assignment, resource).toMatch(new RegExp(`roles\\.${role}\\)`));
      expect(assignment, resource).toMatch(/principalId: principalId$/m);
      expect(assignment, resource).toMatch(/principalType: 'ServicePrincipal'/);
      expect(access).toMatch(new RegExp(`${role}: '${id}'`));
    }
    expect(declaration(main, 'module', 'access')).toMatch(/principalId: identity\.outputs\.principalId$/m);
    // The Web PubSub role is on the service main.bicep makes, which exists before the roles are granted.
    expect(declaration(main, 'module', 'access')).toMatch(/webPubSubName: live\.outputs\.name$/m);
    expect(main.indexOf('module live ')).toBeLessThan(main.indexOf('module access '));
    // The Function App module waits for the role assignments, not only for the identity.
    expect(declaration(main, 'module', 'api')).toMatch(/dependsOn: \[access\]/);
    const order = ['identity', 'access', 'api'].map((name) => main.indexOf(`module ${name} `));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // No role assignment waits for the site any more.
    expect(functionApp).not.toMatch(/roleAssignments/);
  });

  it('output the identity the app registration’s federated credential names', () => {
    expect(main).toMatch(/^output MANAGED_IDENTITY_PRINCIPAL_ID string = identity\.outputs\.principalId$/m);
    expect(main).toMatch(/^output MANAGED_IDENTITY_CLIENT_ID string = identity\.outputs\.clientId$/m);
    expect(identity).toMatch(/^output principalId string = identity\.properties\.principalId$/m);
    expect(identity).toMatch(/^output clientId string = identity\.properties\.clientId$/m);
    const script = readFileSync(join(INFRA, 'scripts/federated-credential.sh'), 'utf8');
    expect(script).toMatch(/"subject": "%s"[\s\S]*"\$MANAGED_IDENTITY_PRINCIPAL_ID"/);
  });

  it('run the API on Flex Consumption with Node 22 or newer, HTTPS only, and CORS for the tab’s origin alone', () => {
    expect(functionApp).toMatch(/sku: \{ name: 'FC1', tier: 'FlexConsumption' \}/);
    expect(functionApp).toMatch(/runtime: \{ name: 'node', version: nodeVersion \}/);
    const version = Number(/^var nodeVersion = '(\d+)'$/m.exec(functionApp)?.[1]);
    expect(version).toBeGreaterThanOrEqual(22);
    // The bundle is built for that runtime, and the repository asks for it.
    const build = readFileSync(join(import.meta.dirname, '../../scripts/build.ts'), 'utf8');
    expect(build).toMatch(new RegExp(`target: 'node${version}'`));
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    expect(Number(/>=(\d+)/.exec(pkg.engines.node)?.[1])).toBe(version);
    expect(Number(/\^(\d+)/.exec(pkg.devDependencies['@types/node']!)?.[1])).toBe(version);
    expect(readFileSync(join(import.meta.dirname, '../../.ci/run'), 'utf8')).toMatch(
      new RegExp(`NODE_MAJOR=${version}`),
    );
    expect(functionApp).toMatch(/httpsOnly: true/);
    expect(functionApp).toMatch(/allowedOrigins: allowedOrigins/);
    expect(main).toMatch(/allowedOrigins: concat\(tab\.outputs\.origins, extraTabOrigins\)/);
    expect(all).not.toMatch(/'\*'/);
  });

  it('move the tab to a custom domain in one parameter: its origin, the manifest’s domain and the app ID URI follow', () => {
    const site = modules['static-web-app.bicep']!;
    expect(declaration(main, 'module', 'tab')).toMatch(/customDomain: TAB_CUSTOM_DOMAIN$/m);
    expect(site).toMatch(
      /^output TAB_DOMAIN string = empty\(customDomain\) \? site\.properties\.defaultHostname : customDomain$/m,
    );
    // The API keeps admitting the default host name too, so packages naming either work during the move.
    expect(site).toMatch(
      /\['https:\/\/\$\{site\.properties\.defaultHostname\}'\],\s*empty\(customDomain\) \? \[\] : \['https:\/\/\$\{customDomain\}'\]/,
    );
    expect(site).toMatch(
      /resource domain 'Microsoft\.Web\/staticSites\/customDomains@[\d-]+' = if \(!empty\(customDomain\)\)/,
    );
    expect(main).toMatch(/^output TAB_DOMAIN string = tab\.outputs\.TAB_DOMAIN$/m);
  });

  it('provision live updates: a Web PubSub hub without event handlers, sized by parameters, and the settings that reach it', () => {
    const service = declaration(webPubSub, 'resource', 'service');
    expect(service).toMatch(/sku: \{ name: sku, tier: split\(sku, '_'\)\[0\], capacity: capacity \}/);
    expect(main).toMatch(/^param webPubSubSku string = 'Standard_S1'$/m);
    expect(main).toMatch(/^param webPubSubCapacity int = 1$/m);
    const hub = declaration(webPubSub, 'resource', 'hub');
    expect(hub).toMatch(/parent: service/);
    expect(hub).toMatch(/name: hubName/);
    expect(hub).toMatch(/eventHandlers: \[\]/);
    expect(hub).toMatch(/anonymousConnectPolicy: 'Deny'/);
    // The hub is the one the app publishes to, and the app reaches the service over https as its identity.
    expect(declaration(main, 'module', 'live')).toMatch(/hubName: WEBPUBSUB_HUB$/m);
    const api = declaration(main, 'module', 'api');
    expect(api).toMatch(/WEBPUBSUB_HUB: WEBPUBSUB_HUB$/m);
    expect(api).toMatch(/WEBPUBSUB_ENDPOINT: 'https:\/\/\$\{live\.outputs\.hostName\}'$/m);
    expect(api).toMatch(/LIVE_GROUP_KEY: LIVE_GROUP_KEY$/m);
    expect(appSettingExpressions()).toMatchObject({
      WEBPUBSUB_ENDPOINT: 'WEBPUBSUB_ENDPOINT',
      WEBPUBSUB_HUB: 'WEBPUBSUB_HUB',
      LIVE_GROUP_KEY: 'LIVE_GROUP_KEY',
    });
    // The group key is a secure parameter with a default that stays the same on every deployment.
    const keyParam = /((?:^@.*\n|^#.*\n)*)^param LIVE_GROUP_KEY string = (.+)$/m.exec(main);
    expect(keyParam?.[1]).toMatch(/@secure\(\)/);
    expect(keyParam?.[1]).toMatch(/@minLength\(32\)/);
    expect(keyParam?.[2]).toMatch(/uniqueString\(resourceGroup\(\)\.id/);
    expect(keyParam?.[2]).not.toMatch(/newGuid|utcNow/);
    expect(functionApp).toMatch(/@secure\(\)\nparam LIVE_GROUP_KEY string$/m);
  });

  it('let the tab open a WebSocket to the Web PubSub host only, over wss', () => {
    expect(main).toMatch(/^output WEBPUBSUB_HOST string = live\.outputs\.hostName$/m);
    expect(webPubSub).toMatch(/^output hostName string = service\.properties\.hostName$/m);
    // npm run build reads the output from the environment file and puts wss://<host> in connect-src.
    const build = readFileSync(join(import.meta.dirname, '../../scripts/build.ts'), 'utf8');
    expect(build).toMatch(/values\.WEBPUBSUB_HOST/);
    expect(build).toMatch(/`wss:\/\/\$\{settings\.webPubSubHost\}`/);
    const csp = contentSecurityPolicy({
      apiOrigin: 'https://career-api.azurewebsites.net',
      liveOrigin: 'wss://careerconv-live-abc.webpubsub.azure.com',
    });
    expect(/connect-src ([^;]+)/.exec(csp)?.[1]?.split(' ')).toEqual([
      "'self'",
      'https://career-api.azurewebsites.net',
      'wss://careerconv-live-abc.webpubsub.azure.com',
      'https://res.cdn.office.net',
    ]);
    // Plain ws is for the local stand-in on this machine only.
    expect(contentSecurityPolicy({ liveOrigin: 'ws://127.0.0.1:51234' })).toMatch(/ ws:\/\/127\.0\.0\.1:51234 /);
    expect(() => contentSecurityPolicy({ liveOrigin: 'ws://live.example' })).toThrow(/wss:/);
    expect(() => contentSecurityPolicy({ liveOrigin: "wss://live.example 'unsafe-eval'" })).toThrow(/wss:/);
  });

  it('name their outputs like the settings they feed', () => {
    const outputs = [...main.matchAll(/^output (\w+) /gm)].map((match) => match[1]!);
    const exampleSettings = Object.keys(
      parseEnvFile(readFileSync(join(import.meta.dirname, '../../env/.env.example'), 'utf8')),
    );
    expect(outputs).toEqual(
      expect.arrayContaining(['TAB_DOMAIN', 'API_BASE_URL', 'TABLES_ENDPOINT', 'WEBPUBSUB_HOST']),
    );
    expect(exampleSettings).toEqual(expect.arrayContaining(['TAB_DOMAIN', 'API_BASE_URL', 'WEBPUBSUB_HOST']));
  });

  it('pass each module exactly the parameters it declares, and every one it needs', () => {
    for (const match of main.matchAll(
      /module (\w+) '(modules\/[\w-]+\.bicep)' = (?:if \([^)]*\) )?\{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/g,
    )) {
      const [, name, path, block] = match;
      const source = read(path!);
      const declared = [...source.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((param) => ({
        name: param[1]!,
        optional: Boolean(param[2]),
      }));
      const passed = [...block!.matchAll(/^\s{4}(\w+):/gm)].map((param) => param[1]!);
      for (const param of passed)
        expect(
          declared.map((entry) => entry.name),
          `${name} gets ${param}`,
        ).toContain(param);
      for (const param of declared.filter((entry) => !entry.optional))
        expect(passed, `${name} needs ${param.name}`).toContain(param.name);
    }
  });

  it('validate appName and location, with descriptions that say what is allowed', () => {
    const decorators = (name: string) =>
      /((?:^@.*\n|^ {2}'.*\n|^\]\)\n|^\/\/.*\n)*)^param (\w+) /m.exec(
        main.slice(0, main.indexOf(`param ${name} `) + name.length + 7),
      )?.[1] ?? '';
    const appName = decorators('appName');
    expect(appName).toMatch(/@minLength\(3\)/);
    expect(appName).toMatch(/@maxLength\(12\)/);
    expect(appName).toMatch(/@description\('[^']*3 to 12 lowercase letters and digits/);
    // Bicep has no pattern decorator: the names lower-case it, and the storage account keeps letters and digits.
    expect(main).toMatch(/^var baseName = toLower\(appName\)$/m);
    expect(declaration(main, 'module', 'storage')).toMatch(
      /name: take\(replace\(replace\(replace\('\$\{baseName\}\$\{suffix\}', '-', ''\), '_', ''\), '\.', ''\), 24\)/,
    );
    // Flex Consumption's regions only, with the default the resource group's.
    const location =
      /(@description\([^\n]*\)\n)@allowed\(\[\n((?: {2}'[a-z0-9]+'\n)+)\]\)\nparam location string = resourceGroup\(\)\.location$/m.exec(
        main,
      );
    expect(location?.[1]).toMatch(/Flex Consumption/);
    expect(location?.[1]).toMatch(/az functionapp list-flexconsumption-locations/);
    const regions = [...(location?.[2] ?? '').matchAll(/'([a-z0-9]+)'/g)].map((match) => match[1]);
    expect(regions).toEqual(
      expect.arrayContaining(['westeurope', 'northeurope', 'eastus', 'eastus2', 'swedencentral', 'uksouth']),
    );
    expect(regions).not.toContain('eastus2euap'); // a canary region, not for customers
    expect(new Set(regions).size).toBe(regions.length);
    expect(main).toMatch(
      /@allowed\(\['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'\]\)\nparam staticWebAppLocation string = 'westeurope'/,
    );
    // The Teams app id: a GUID's length, no default — both install paths pass the one chosen at the start.
    expect(main).toMatch(/@minLength\(36\)\n@maxLength\(36\)\nparam TEAMS_APP_ID string$/m);
  });

  it('make the storage account’s redundancy a parameter: LRS by default, ZRS where the region has zones', () => {
    expect(main).toMatch(/@allowed\(\['Standard_LRS', 'Standard_ZRS'\]\)\nparam storageSku string = 'Standard_LRS'/);
    expect(main).toMatch(/availability zones/);
    expect(declaration(main, 'module', 'storage')).toMatch(/sku: storageSku$/m);
    expect(storage).toMatch(/sku: \{ name: sku \}/);
    expect(storage).not.toMatch(/Standard_ZRS' \}/);
  });

  it('make the app registration, its service principal and its federated credential with the Microsoft Graph extension', () => {
    const config = JSON.parse(read('bicepconfig.json')) as { extensions: Record<string, string> };
    expect(config.extensions).toEqual({
      microsoftGraphV1: 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0',
    });
    const registration = modules['registration.bicep']!;
    expect(registration).toMatch(/^extension microsoftGraphV1$/m);
    const app = declaration(registration, 'resource', 'registration');
    expect(registration).toMatch(/^resource registration 'Microsoft\.Graph\/applications@v1\.0' = \{/m);
    expect(app).toMatch(/uniqueName: uniqueName$/m);
    expect(app).toMatch(/signInAudience: 'AzureADMyOrg'/);
    expect(app).toMatch(/relationships: \[deployer\(\)\.objectId\]/);
    // The credential: the user-assigned identity, for the token exchange audience, issued by this tenant.
    expect(app).toMatch(/resource credential 'federatedIdentityCredentials@v1\.0' = \{/);
    expect(app).toMatch(/name: '\$\{registration\.uniqueName\}\/\$\{credentialName\}'/);
    expect(app).toMatch(
      /issuer: '\$\{environment\(\)\.authentication\.loginEndpoint\}\$\{tenant\(\)\.tenantId\}\/v2\.0'/,
    );
    expect(app).toMatch(/subject: identityPrincipalId$/m);
    expect(app).toMatch(/audiences: \['api:\/\/AzureADTokenExchange'\]/);
    expect(registration).toMatch(
      /^resource servicePrincipal 'Microsoft\.Graph\/servicePrincipals@v1\.0' = \{\n {2}appId: registration\.appId\n\}/m,
    );
    expect(declaration(main, 'module', 'registration')).toMatch(
      /identityPrincipalId: identity\.outputs\.principalId$/m,
    );
    // The API's audience is the registration the template made, and the outputs name it as the settings do.
    expect(main).toMatch(/^var clientId = makeRegistration \? registration!\.outputs\.clientId : ENTRA_CLIENT_ID$/m);
    expect(declaration(main, 'module', 'api')).toMatch(/ENTRA_CLIENT_ID: clientId$/m);
    expect(main).toMatch(/^output ENTRA_CLIENT_ID string = clientId$/m);
    expect(main).toMatch(
      /^output ENTRA_APP_OBJECT_ID string = makeRegistration \? registration!\.outputs\.objectId : ''$/m,
    );
    // The fallback: no Graph resources, a registration made by hand, and the script for its credential.
    expect(main).toMatch(/^module registration 'modules\/registration\.bicep' = if \(makeRegistration\) \{/m);
    expect(main).toMatch(/^param makeRegistration bool = true$/m);
    // The same credential as the fallback script makes.
    const script = readFileSync(join(INFRA, 'scripts/federated-credential.sh'), 'utf8');
    expect(script).toMatch(/NAME="\$\{FEDERATED_CREDENTIAL_NAME:-career-api\}"/);
    expect(registration).toMatch(/param credentialName string = 'career-api'/);
  });

  it('are balanced and give every resource an API version', () => {
    for (const [file, source] of Object.entries({ 'main.bicep': main, ...modules })) {
      const code = withoutStringsAndComments(source);
      for (const [open, close] of [
        ['{', '}'],
        ['[', ']'],
        ['(', ')'],
      ] as const) {
        expect(code.split(open).length, `${file} ${open}${close}`).toBe(code.split(close).length);
      }
      for (const resource of source.matchAll(/^resource \w+ '([^']+)'/gm))
        // Azure's API versions are dates; Microsoft Graph's Bicep types are Graph's own versions.
        expect(resource[1], file).toMatch(
          /^([\w.]+\/[\w/]+@\d{4}-\d{2}-\d{2}(-preview)?|Microsoft\.Graph\/[\w/]+@v1\.0)$/,
        );
    }
  });
});
