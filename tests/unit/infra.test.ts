import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/src/config';
import { parseEnvFile } from '../../manifest/package';

/** No Bicep compiler runs here, so these tests hold the templates to the code that reads their settings. */
const INFRA = join(import.meta.dirname, '../../infra');
const read = (path: string) => readFileSync(join(INFRA, path), 'utf8');
const main = read('main.bicep');
const modules = Object.fromEntries(readdirSync(join(INFRA, 'modules')).map((file) => [file, read(`modules/${file}`)]));
const functionApp = modules['function-app.bicep']!;
const storage = modules['storage.bicep']!;
const all = [main, ...Object.values(modules)].join('\n');

/** The app settings the Function App gets, with each parameter replaced by a value of its kind. */
function appSettings(): Record<string, string> {
  const samples: Record<string, string> = {
    TABLES_ENDPOINT: 'https://careerconvabc.table.core.windows.net/',
    ENTRA_CLIENT_ID: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
    ALLOWED_TENANT_IDS: '1736b4c5-d7c7-462a-aa17-fdf2016559c3',
  };
  const settings: Record<string, string> = {};
  for (const match of functionApp.matchAll(/\{ name: '([A-Za-z_]+)', value: ([^}]+?) \}/g)) {
    const [, name, value] = match;
    const literal = /^'(.*)'$/.exec(value!.trim());
    settings[name!] = literal ? literal[1]! : (samples[value!.trim()] ?? `<${value!.trim()}>`);
  }
  return settings;
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
    expect(appSettings().APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe('Authorization=AAD');
  });

  it('give the Function App’s own identity the Storage Table Data Contributor role on the account', () => {
    expect(functionApp).toMatch(/identity: \{ type: 'SystemAssigned' \}/);
    const tableRole =
      /resource tableData 'Microsoft\.Authorization\/roleAssignments@[\d-]+' = \{([\s\S]*?)\n\}/.exec(
        functionApp,
      )?.[1] ?? '';
    expect(tableRole).toMatch(/scope: account/);
    expect(tableRole).toMatch(/roles\.storageTableDataContributor/);
    expect(tableRole).toMatch(/principalId: site\.identity\.principalId/);
    expect(functionApp).toMatch(/storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'/);
  });

  it('run the API on Flex Consumption with Node 20, HTTPS only, and CORS for the tab’s origin alone', () => {
    expect(functionApp).toMatch(/sku: \{ name: 'FC1', tier: 'FlexConsumption' \}/);
    expect(functionApp).toMatch(/runtime: \{ name: 'node', version: '20' \}/);
    expect(functionApp).toMatch(/httpsOnly: true/);
    expect(functionApp).toMatch(/allowedOrigins: allowedOrigins/);
    expect(main).toMatch(/allowedOrigins: concat\(\['https:\/\/\$\{tab\.outputs\.TAB_DOMAIN\}'\], extraTabOrigins\)/);
    expect(all).not.toMatch(/'\*'/);
  });

  it('name their outputs like the settings they feed', () => {
    const outputs = [...main.matchAll(/^output (\w+) /gm)].map((match) => match[1]!);
    const exampleSettings = Object.keys(
      parseEnvFile(readFileSync(join(import.meta.dirname, '../../env/.env.example'), 'utf8')),
    );
    expect(outputs).toEqual(expect.arrayContaining(['TAB_DOMAIN', 'API_BASE_URL', 'TABLES_ENDPOINT']));
    expect(exampleSettings).toEqual(expect.arrayContaining(['TAB_DOMAIN', 'API_BASE_URL']));
  });

  it('pass each module exactly the parameters it declares, and every one it needs', () => {
    for (const match of main.matchAll(
      /module (\w+) '(modules\/[\w-]+\.bicep)' = \{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/g,
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
        expect(resource[1], file).toMatch(/^[\w.]+\/[\w/]+@\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
  });
});
