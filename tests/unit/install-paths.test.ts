import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillTemplate, parseEnvFile } from '../../manifest/package';
import { settingsFrom } from '../../scripts/build';

/**
 * Both documented install paths, walked from a clean copy of the repository as the README gives them:
 * the Azure CLI steps are the README's own shell blocks, run with bash; the Toolkit steps are the
 * README's `npx atk …` commands. Azure, Microsoft 365 and the build are stand-ins on the PATH that
 * record their arguments (tests/support/stand-ins/): `az` checks a deployment's parameters against
 * infra/main.bicep as Azure would (every one without a default passed, none unknown, within their
 * allowed values and lengths, and no prompt), `atk` walks m365agents.yml with the Toolkit's rules for
 * values. What can only happen in a tenant (the resources, the sign-ins) does not run here.
 */

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'install-paths-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const bin = join(work, 'bin');
mkdirSync(bin);
const standIn = (name: string) =>
  `#!/usr/bin/env bash\nexec "${process.execPath}" --experimental-strip-types --no-warnings "${join(ROOT, 'tests/support/stand-ins', `${name}.ts`)}" "$@"\n`;
const record = (tool: string) => `{ printf '%s' ${tool}; printf '\\x1f%s' "$@"; printf '\\n'; } >> "$STAND_IN_LOG"`;
const scripts: Record<string, string> = {
  az: standIn('az'),
  jq: standIn('jq'),
  atk: standIn('atk'),
  // What the README's build step makes, without building.
  npm: `#!/usr/bin/env bash\n${record('npm')}\nif [ "$1 $2" = "run build" ]; then mkdir -p dist/tab && echo '{}' > dist/tab/staticwebapp.config.json && echo zip > dist/functions.zip; fi\n`,
  npx: `#!/usr/bin/env bash\n${record('npx')}\nif [ "$1" = "atk" ]; then shift; exec atk "$@"; fi\n`,
  // macOS's uuidgen answers in capitals; the README lower-cases it.
  uuidgen: `#!/usr/bin/env bash\n${record('uuidgen')}\nn=$(grep -c '^uuidgen' "$STAND_IN_LOG")\nprintf '3F2504E0-4F89-41D3-9A0C-%012d\\n' "$n"\n`,
  curl: `#!/usr/bin/env bash\n${record('curl')}\nprintf 401\n`,
};
for (const [name, text] of Object.entries(scripts)) {
  writeFileSync(join(bin, name), text);
  chmodSync(join(bin, name), 0o755);
}

/** A fresh copy of what the install reads, as a clone would have it. */
function clone(name: string): string {
  const dir = join(work, name);
  for (const path of ['infra', 'env', 'manifest', 'm365agents.yml'])
    cpSync(join(ROOT, path), join(dir, path), { recursive: true, filter: (source) => !source.endsWith('.ts') });
  return dir;
}

function run(dir: string, script: string) {
  const log = join(dir, 'stand-ins.log');
  writeFileSync(log, '');
  const result = spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      HOME: dir,
      STAND_IN_LOG: log,
      STAND_IN_REPO: ROOT,
      DEPLOY_RETRY_SECONDS: '0',
      HEALTH_RETRY_SECONDS: '0',
    },
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      if (line.startsWith('{')) {
        const { tool, args } = JSON.parse(line) as { tool: string; args: string[] };
        return [tool, ...args];
      }
      return line.split('\x1f');
    });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, calls };
}

/** The README's section from one heading to the next of the same level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const level = /^#+/.exec(heading)![0];
  const next = README.slice(start + heading.length + 2).search(new RegExp(`\\n${level} `));
  return README.slice(start, next < 0 ? undefined : start + heading.length + 2 + next);
}

const values = (dir: string, env: string) => parseEnvFile(readFileSync(join(dir, 'env', `.env.${env}`), 'utf8'));
const manifestTemplate = readFileSync(join(ROOT, 'manifest/manifest.json'), 'utf8');
const deployments = (calls: string[][]) =>
  calls.filter((call) => call.slice(0, 4).join(' ') === 'az deployment group create');
const parameterOf = (call: string[], name: string) =>
  call.find((arg, index) => call[index - 1] === '-p' && arg.startsWith(`${name}=`))?.slice(name.length + 1);

describe('the Azure CLI path, as the README gives it', () => {
  const dir = clone('az');
  // The README's shell blocks, in order, with each <value to replace> replaced as an admin would.
  const blocks = [...section('### With the Azure CLI').matchAll(/```sh\n([\s\S]*?)```/g)].map((match) =>
    match[1]!.replace(/<([^<>\n]+)>/g, '$1'),
  );
  const walk = run(dir, `set -euo pipefail\n${blocks.join('\n')}`);

  it('runs from start to end without a prompt or an error', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    expect(walk.output).not.toMatch(/Would prompt|Missing input parameters|unexpected az/);
    expect(walk.status, walk.output).toBe(0);
  });

  it('chooses the Teams app id first and passes that one to the deployment, which passes every parameter', () => {
    const env = values(dir, 'prod');
    expect(env.TEAMS_APP_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const [deployment, ...others] = deployments(walk.calls);
    expect(others).toEqual([]);
    expect(deployment).toContain('--no-prompt');
    expect(parameterOf(deployment!, 'TEAMS_APP_ID')).toBe(env.TEAMS_APP_ID);
    // Before the deployment, Bicep new enough for the Graph extension.
    const bicep = walk.calls.findIndex((call) => call.slice(0, 3).join(' ') === 'az bicep install');
    expect(walk.calls[bicep]).toEqual(['az', 'bicep', 'install', '--version', 'v0.36.1']);
    expect(bicep).toBeLessThan(walk.calls.indexOf(deployment!));
  });

  it('writes every value the build and the package need into the environment file', () => {
    const env = values(dir, 'prod');
    const { problems } = fillTemplate(manifestTemplate, env);
    expect(problems).toEqual([]);
    const build = settingsFrom([], env);
    expect(build.apiBaseUrl).toBe('https://careerconv-api-abc.azurewebsites.net/api');
    expect(build.webPubSubHost).toBe('careerconv-live-abc.webpubsub.azure.com');
    expect(build.teamsAppId).toBe(env.TEAMS_APP_ID);
  });

  it('finishes the registration the deployment made, with the least permissions, and consents', () => {
    const env = values(dir, 'prod');
    const az = (words: string) =>
      walk.calls.filter((call) => call.slice(0, words.split(' ').length).join(' ') === words);
    expect(az('az ad app update')[0]).toEqual(
      expect.arrayContaining([
        '--id',
        env.ENTRA_CLIENT_ID,
        '--identifier-uris',
        `api://${env.TAB_DOMAIN}/${env.ENTRA_CLIENT_ID}`,
      ]),
    );
    const permissions = az('az ad app permission add').flatMap((call) => call);
    expect(permissions).toContain('a154be20-db9c-4678-8ab7-66f6cc099a59=Scope');
    expect(permissions).toContain('df021288-bdef-4463-88db-98f22de89214=Role'); // User.Read.All
    expect(permissions).toContain('e12dae10-5a57-4817-b79d-dfbec5348930=Role'); // AppCatalog.Read.All
    expect(permissions).not.toContain('a267235f-af13-44dc-8385-c1dc93023186=Role'); // no TeamsActivity.Send
    expect(az('az ad app permission admin-consent')[0]).toContain(env.ENTRA_CLIENT_ID);
    // The federated credential comes from the template: no script, no az ad app create.
    expect(az('az ad app federated-credential')).toEqual([]);
    expect(az('az ad app create')).toEqual([]);
  });

  it('deploys the code, the tab with its own staticwebapp.config.json, and packages the app', () => {
    const tools = walk.calls.map((call) => call.join(' '));
    expect(tools).toContain('npm ci');
    expect(tools).toContain('npm run build -- --env prod');
    expect(tools).toContain(
      'az functionapp deployment source config-zip -g career-conversations -n careerconv-api-abc --src dist/functions.zip --only-show-errors',
    );
    expect(tools.find((call) => call.includes('static-web-apps-cli'))).toMatch(
      /deploy dist\/tab --swa-config-location dist\/tab /,
    );
    expect(tools).toContain('npm run package -- --env prod');
  });
});

describe('the Agents Toolkit path, as the README gives it', () => {
  const dir = clone('atk');
  // Step 1: the admin fills in where to deploy; everything else provisioning writes.
  const envFile = join(dir, 'env/.env.dev');
  writeFileSync(
    envFile,
    readFileSync(envFile, 'utf8')
      .replace(/^AZURE_SUBSCRIPTION_ID=$/m, 'AZURE_SUBSCRIPTION_ID=0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e')
      .replace(/^AZURE_RESOURCE_GROUP_NAME=$/m, 'AZURE_RESOURCE_GROUP_NAME=career-conversations'),
  );
  const commands = [...section('### With the Agents Toolkit').matchAll(/`(npx atk [^`]+)`/g)]
    .map((match) => match[1]!.replace(/\s+/g, ' '))
    .filter((command) => !command.startsWith('npx atk env add'));
  const walk = run(dir, `set -euo pipefail\n${commands.join('\n')}`);

  it('runs provision, deploy, package, validate and publish without a prompt or an error', () => {
    expect(commands).toEqual(
      expect.arrayContaining([
        'npx atk provision --env dev',
        'npx atk deploy --env dev',
        'npx atk package --env dev',
        'npx atk publish --env dev',
      ]),
    );
    expect(walk.status, walk.output).toBe(0);
  });

  it('chooses the Teams app id first and deploys Bicep with it, with every parameter and the pinned Bicep CLI', () => {
    const env = values(dir, 'dev');
    expect(env.TEAMS_APP_ID).toMatch(/^[0-9a-f-]{36}$/);
    const [deployment] = deployments(walk.calls);
    const parameters = JSON.parse(readFileSync(join(dir, '.stand-in/parameters.json'), 'utf8')) as {
      parameters: Record<string, { value: string }>;
    };
    expect(deployment).toContain('--no-prompt');
    expect(parameters.parameters.TEAMS_APP_ID?.value).toBe(env.TEAMS_APP_ID);
    // Every value provisioning writes, for the package and the build.
    expect(fillTemplate(manifestTemplate, env).problems).toEqual([]);
    expect(settingsFrom([], env).webPubSubHost).toBe(env.WEBPUBSUB_HOST);
    expect(env.ENTRA_CLIENT_ID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('deploys the API and the tab, and publishes, writing the catalog id', () => {
    const tools = walk.calls.map((call) => call.join(' '));
    expect(tools).toContain('npm run build -- --env dev');
    expect(tools.some((call) => call.startsWith('az functionapp deployment source config-zip'))).toBe(true);
    expect(tools.find((call) => call.includes('static-web-apps-cli'))).toMatch(/--swa-config-location dist\/tab /);
    expect(values(dir, 'dev').TEAMS_APP_PUBLISHED_APP_ID).toMatch(/^[0-9a-f-]{36}$/);
  });
});
