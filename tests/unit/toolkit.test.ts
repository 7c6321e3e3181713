import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAppPackage, parseEnvFile } from '../../manifest/package';

/**
 * The Microsoft 365 Agents Toolkit project (m365agents.yml, env/.env.dev, the Entra app manifest),
 * held to the Toolkit's own code from the npm registry: its YAML schema, its Entra manifest
 * builder, and its CLI's offline steps (package, validate). Provisioning needs Azure and Microsoft
 * 365 sign-ins, so it does not run here; what it would do is checked step by step instead.
 */

const ROOT = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const CLI_PACKAGE = require.resolve('@microsoft/m365agentstoolkit-cli/package.json');
const CLI = join(dirname(CLI_PACKAGE), 'cli.js');
const CORE_PACKAGE = createRequire(CLI_PACKAGE).resolve('@microsoft/teamsfx-core/package.json');
const CORE = dirname(CORE_PACKAGE);
/** Loads modules the way the Toolkit does, from its own dependencies. */
const fromToolkit = createRequire(CORE_PACKAGE);

const outDir = mkdtempSync(join(tmpdir(), 'toolkit-'));
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

interface Action {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath: string;
  provision: Action[];
  deploy: Action[];
  publish: Action[];
}

const { load } = fromToolkit('js-yaml') as { load: (text: string) => unknown };
const project = load(readFileSync(join(ROOT, 'm365agents.yml'), 'utf8')) as ProjectFile;
const devEnv = parseEnvFile(readFileSync(join(ROOT, 'env/.env.dev'), 'utf8'));
const mainBicep = readFileSync(join(ROOT, 'infra/main.bicep'), 'utf8');

const placeholders = (text: string) => [...text.matchAll(/\$\{\{ *([A-Z][A-Z0-9_]*) *\}\}/g)].map((match) => match[1]!);

/** What the Toolkit itself provides to every action. */
const BUILT_IN = ['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

/** The environment variables an action writes: its writeToEnvironmentFile, the ARM outputs, the generated scope id. */
function written(action: Action): string[] {
  if (action.uses === 'arm/deploy') return [...mainBicep.matchAll(/^output (\w+) /gm)].map((match) => match[1]!);
  if (action.uses === 'aadApp/update') return ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'];
  return Object.values(action.writeToEnvironmentFile ?? {});
}

/** The files an action reads whose ${{NAME}} placeholders the Toolkit fills. */
function templatesOf(action: Action): string[] {
  const paths: string[] = [];
  if (action.uses === 'teamsApp/zipAppPackage' || action.uses === 'teamsApp/validateManifest')
    paths.push(action.with?.manifestPath as string);
  if (action.uses === 'aadApp/update') paths.push(action.with?.manifestPath as string);
  if (action.uses === 'arm/deploy')
    for (const template of action.with?.templates as { parameters?: string }[])
      if (template.parameters) paths.push(template.parameters);
  return paths;
}

function runCli(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args, '--telemetry', 'false'],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('the Agents Toolkit project', () => {
  it('is valid against the Toolkit’s own schema for its version', () => {
    const schemaFile = join(CORE, 'resource/yaml-schema', project.version, 'yaml.schema.json');
    expect(existsSync(schemaFile), `the Toolkit supports version ${project.version}`).toBe(true);
    // The same validator the Toolkit builds (configManager/validator.js).
    const { default: Ajv } = fromToolkit('ajv') as {
      default: new (options: object) => {
        addKeyword(name: string): void;
        compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
      };
    };
    const ajv = new Ajv({ allowUnionTypes: true });
    ajv.addKeyword('deprecationMessage');
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    const valid = validate(project);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    expect(project.environmentFolderPath).toBe('./env');
  });

  it('chooses the Teams app id first, then deploys Azure with the registration and its credential, then the registration’s API', () => {
    const steps = project.provision.map((action) => action.uses);
    const at = (uses: string) => steps.indexOf(uses);
    // The app id is chosen once, before anything needs it; the Bicep deployment is passed that one.
    expect(at('teamsApp/create')).toBe(0);
    expect(project.provision[0]!.writeToEnvironmentFile).toEqual({ teamsAppId: 'TEAMS_APP_ID' });
    // The registration, its service principal and its federated credential come from the template
    // (the Microsoft Graph Bicep extension); no action or script makes them.
    expect(steps).not.toContain('aadApp/create');
    expect(project.provision.some((action) => action.uses === 'script')).toBe(false);
    expect(mainBicep).toMatch(/^module registration 'modules\/registration\.bicep' = if \(makeRegistration\) \{/m);
    // The identifier URI names the tab's domain, which only the ARM deployment knows.
    expect(at('arm/deploy')).toBeLessThan(at('aadApp/update'));
    // The Bicep CLI is pinned: the Toolkit downloads that one instead of relying on one on the PATH, and
    // it is new enough for the Graph extension's 1.0.0 types (v0.36.1 or newer).
    const deploy = project.provision[at('arm/deploy')]!;
    const version = /^v(\d+)\.(\d+)\.(\d+)$/.exec(String(deploy.with?.bicepCliVersion));
    expect(version, 'bicepCliVersion').not.toBeNull();
    expect(Number(version![1]) * 1000 + Number(version![2])).toBeGreaterThanOrEqual(36);
    // Flex Consumption does not take /api/zipdeploy, which the Toolkit's azureFunctions/zipDeploy uses.
    expect(project.deploy.map((action) => action.uses)).not.toContain('azureFunctions/zipDeploy');
    expect(project.publish.map((action) => action.uses)).toContain('teamsApp/publishAppPackage');
    // The Static Web Apps CLI reads the tab's own staticwebapp.config.json, not the first one it finds.
    const tab = project.deploy.find((action) => String(action.with?.args).includes('static-web-apps-cli'))!;
    expect(String(tab.with?.args)).toMatch(/deploy dist\/tab --swa-config-location dist\/tab /);
  });

  it('has every value each step needs by the time it runs', () => {
    // Set in env/.env.dev, provided by the Toolkit, or written by an earlier step: an empty line in
    // env/.env.dev is only a name waiting for provisioning to fill it.
    const available = new Set([
      ...BUILT_IN,
      ...Object.entries(devEnv)
        .filter(([, value]) => value !== '')
        .map(([name]) => name),
    ]);
    const check = (lifecycle: string, actions: Action[]) => {
      for (const [index, action] of actions.entries()) {
        const where = `${lifecycle}[${index}] ${action.uses}`;
        const needed = [
          ...placeholders(JSON.stringify({ with: action.with, env: action.env })),
          ...templatesOf(action).flatMap((path) => placeholders(readFileSync(join(ROOT, path), 'utf8'))),
        ];
        // aadApp/update makes up the scope's id when the manifest asks for it and none exists yet.
        const own = action.uses === 'aadApp/update' ? written(action) : [];
        for (const name of needed)
          expect(
            available.has(name) || own.includes(name) || name.startsWith('SECRET_'),
            `${where} needs ${name}`,
          ).toBe(true);
        if (action.uses === 'script') {
          const script = /bash (\S+)/.exec(String(action.with?.run))?.[1] ?? '';
          expect(existsSync(join(ROOT, script)), `${where} runs ${script}`).toBe(true);
          for (const [, name] of readFileSync(join(ROOT, script), 'utf8').matchAll(/: "\$\{(\w+):\?/g))
            expect(Object.keys(action.env ?? {}), `${where}: ${script} requires ${name}`).toContain(name);
        }
        for (const name of written(action)) available.add(name);
      }
    };
    check('provision', project.provision);
    // Deploying and publishing come after provisioning, with everything it wrote.
    check('deploy', project.deploy);
    check('publish', project.publish);
    // env/.env.dev names every value provisioning writes, so `npm run build/package -- --env dev` find them.
    for (const name of project.provision.flatMap(written)) expect(Object.keys(devEnv), name).toContain(name);
  });

  it('passes the ARM deployment only parameters main.bicep declares', () => {
    const deploy = project.provision.find((action) => action.uses === 'arm/deploy')!;
    const [template] = deploy.with?.templates as { path: string; parameters: string }[];
    expect(template!.path).toBe('./infra/main.bicep');
    const parameters = JSON.parse(readFileSync(join(ROOT, template!.parameters), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    const declared = [...mainBicep.matchAll(/^param (\w+) /gm)].map((match) => match[1]);
    expect(Object.keys(parameters.parameters).every((name) => declared.includes(name))).toBe(true);
    // Every parameter without a default is passed; the Teams app id is the one teamsApp/create chose.
    const required = [...mainBicep.matchAll(/^param (\w+) \w+$/gm)].map((match) => match[1]!);
    for (const name of required) expect(Object.keys(parameters.parameters), name).toContain(name);
    expect(parameters.parameters).toMatchObject({ TEAMS_APP_ID: { value: '${{TEAMS_APP_ID}}' } });
  });

  it('builds the Entra app registration Teams SSO needs, with the Toolkit’s own manifest builder', async () => {
    const { buildAadManifest } = fromToolkit('./build/component/driver/aad/utility/buildAadManifest.js') as {
      buildAadManifest: (
        context: { projectPath: string; logProvider: Record<string, (message: string) => void> },
        manifestPath: string,
        outputFilePath: string,
        state: Record<string, string>,
      ) => Promise<{
        identifierUris: string[];
        signInAudience: string;
        api: {
          requestedAccessTokenVersion: number;
          oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
          preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
        };
        requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
      }>;
    };
    const values = {
      ENTRA_APP_OBJECT_ID: '0c6d1e0a-3f1b-4c53-9d07-3b8f1b7a2c11',
      ENTRA_CLIENT_ID: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
      TAB_DOMAIN: 'careerconv-tab-abc.azurestaticapps.net',
    };
    const saved = { ...process.env };
    Object.assign(process.env, values);
    delete process.env.AAD_APP_ACCESS_AS_USER_PERMISSION_ID;
    const warnings: string[] = [];
    const state: Record<string, string> = {};
    const log = (message: string) => {
      warnings.push(message);
    };
    const quiet = () => undefined;
    let manifest: Awaited<ReturnType<typeof buildAadManifest>>;
    try {
      manifest = await buildAadManifest(
        { projectPath: ROOT, logProvider: { warning: log, info: quiet, debug: quiet, verbose: quiet, error: log } },
        'infra/entra/aad.manifest.json',
        join(outDir, 'aad.manifest.json'),
        state,
      );
    } finally {
      process.env = saved;
    }
    // The Toolkit warns about a registration that misses anything Teams SSO needs; it has nothing to say.
    expect(warnings).toEqual([]);
    expect(manifest.identifierUris).toEqual([`api://${values.TAB_DOMAIN}/${values.ENTRA_CLIENT_ID}`]);
    expect(manifest.signInAudience).toBe('AzureADMyOrg');
    expect(manifest.api.requestedAccessTokenVersion).toBe(2);
    const scopeId = state.AAD_APP_ACCESS_AS_USER_PERMISSION_ID!;
    expect(scopeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(manifest.api.oauth2PermissionScopes).toEqual([
      expect.objectContaining({ id: scopeId, value: 'access_as_user', type: 'User', isEnabled: true }),
    ]);
    // The same Teams, Outlook and Microsoft 365 clients as the README's Azure CLI steps.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const loop = /for CLIENT in ([\s\S]*?); do/.exec(readme)?.[1] ?? '';
    const readmeClients = [...loop.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map(
      (match) => match[0],
    );
    expect(readmeClients).toHaveLength(8);
    expect(manifest.api.preAuthorizedApplications.map((entry) => entry.appId).sort()).toEqual(readmeClients.sort());
    for (const entry of manifest.api.preAuthorizedApplications) expect(entry.delegatedPermissionIds).toEqual([scopeId]);
    // "Microsoft Graph" / "User.Read.All" resolve to the ids the README grants and consents to: the delegated
    // permission for the API's on-behalf-of calls, and the nudges' application permissions.
    expect(manifest.requiredResourceAccess).toEqual([
      {
        resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceAccess: [
          { id: 'a154be20-db9c-4678-8ab7-66f6cc099a59', type: 'Scope' },
          { id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' },
          // AppCatalog.Read.All: the org catalog's id for the nudges' links. No TeamsActivity.Send: the
          // nudges go out under the manifest's resource-specific TeamsActivity.Send.User.
          { id: 'e12dae10-5a57-4817-b79d-dfbec5348930', type: 'Role' },
        ],
      },
    ]);
    expect(readme).toMatch(/a154be20-db9c-4678-8ab7-66f6cc099a59=Scope/);
    expect(readme).toMatch(/"\$\(GRAPH_ROLE User\.Read\.All\)=Role" "\$\(GRAPH_ROLE AppCatalog\.Read\.All\)=Role"/);
    expect(readme).not.toMatch(/GRAPH_ROLE TeamsActivity\.Send\)/);
  });
});

describe('the Agents Toolkit CLI, offline', () => {
  it('packages the same app as npm run package', async () => {
    const zipPath = join(outDir, 'atk/career-conversations-example.zip');
    const run = await runCli([
      'package',
      '--manifest-file',
      './manifest/manifest.json',
      '--env',
      'example',
      '--output-package-file',
      zipPath,
      '--output-folder',
      join(outDir, 'atk'),
    ]);
    expect(run.code, run.output).toBe(0);
    const ours = await buildAppPackage({ envName: 'example', environment: {}, outDir: join(outDir, 'ours') });
    const toolkit = new AdmZip(zipPath);
    const mine = new AdmZip(ours.zipPath);
    const names = (zip: AdmZip) =>
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort();
    expect(names(toolkit)).toEqual(names(mine));
    expect(JSON.parse(toolkit.readAsText('manifest.json'))).toEqual(ours.manifest);
    for (const icon of ['color.png', 'outline.png'])
      expect(toolkit.readFile(icon)?.equals(mine.readFile(icon) ?? Buffer.alloc(0)), icon).toBe(true);
  }, 120_000);

  it('validates the manifest against the schema, and refuses a broken one', async () => {
    const passed = await runCli(['validate', '--manifest-file', './manifest/manifest.json', '--env', 'example']);
    expect(passed.code, passed.output).toBe(0);
    expect(passed.output).toMatch(/All passed/);

    const broken = join(outDir, 'broken');
    cpSync(join(ROOT, 'manifest'), broken, { recursive: true, filter: (path) => !path.endsWith('.ts') });
    const manifest = JSON.parse(readFileSync(join(broken, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(broken, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 'blue' }));
    const failed = await runCli(['validate', '--manifest-file', join(broken, 'manifest.json'), '--env', 'example']);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/accentColor/);
  }, 120_000);
});
