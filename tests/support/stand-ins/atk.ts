/**
 * A stand-in for the Microsoft 365 Agents Toolkit CLI (`atk`), for the install-path tests: it records
 * every call and walks m365agents.yml's lifecycles (provision, deploy, publish) action by action as
 * the Toolkit does, with its rules for values: `${{NAME}}` is filled from env/.env.<environment> only
 * where the value is not empty (an empty one stays a placeholder, which the Toolkit refuses, in an
 * ARM parameters file too), and what an action writes lands in that file for the next. Azure itself
 * is the az stand-in's ARM emulation (the same parameter checks), Microsoft 365 is not called:
 * teamsApp/create and publish answer ids of their kind. Offline steps (package, validate) are only
 * recorded here; the real CLI runs them in tests/unit/toolkit.test.ts.
 * Self-contained (Node's type stripping runs it): it loads js-yaml from the Toolkit's own packages.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const args = process.argv.slice(2);
appendFileSync(process.env.STAND_IN_LOG ?? '/dev/null', `${JSON.stringify({ tool: 'atk', args })}\n`);

interface Action {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

const fail = (message: string): never => {
  process.stderr.write(`atk: ${message}\n`);
  process.exit(1);
};
const lifecycle = args[0] ?? '';
const envName = args[args.indexOf('--env') + 1] ?? fail('--env is required');
if (!['provision', 'deploy', 'publish'].includes(lifecycle)) process.exit(0);

const repo = process.env.STAND_IN_REPO ?? fail('STAND_IN_REPO is not set');
const cli = createRequire(join(repo, 'package.json')).resolve('@microsoft/m365agentstoolkit-cli/package.json');
const core = createRequire(cli).resolve('@microsoft/teamsfx-core/package.json');
const { load } = createRequire(core)('js-yaml') as { load: (text: string) => unknown };
const project = load(readFileSync('m365agents.yml', 'utf8')) as Record<string, Action[]>;

const envFile = join('env', `.env.${envName}`);
const values = new Map<string, string>();
for (const line of readFileSync(envFile, 'utf8').split('\n')) {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
  if (match) values.set(match[1] ?? '', match[2] ?? '');
}
values.set('TEAMSFX_ENV', envName);

/** Writes a value into the environment file, replacing its line or adding one, as the Toolkit does. */
function write(name: string, value: string): void {
  values.set(name, value);
  const file = name.startsWith('SECRET_') ? `${envFile}.user` : envFile;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const line = new RegExp(`^${name}=.*$`, 'm');
  writeFileSync(
    file,
    line.test(text) ? text.replace(line, `${name}=${value}`) : `${text.replace(/\n?$/, '\n')}${name}=${value}\n`,
  );
}

/** The Toolkit's expansion: a placeholder is filled only by a value that is not empty. */
function expand(text: string): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const filled = text.replace(/\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g, (placeholder: string, name: string) => {
    const value = values.get(name);
    if (value) return value;
    unresolved.push(name);
    return placeholder;
  });
  return { text: filled, unresolved };
}

function resolved(where: string, text: string): string {
  const { text: filled, unresolved } = expand(text);
  if (unresolved.length > 0) fail(`${where}: missing environment variables ${[...new Set(unresolved)].join(', ')}`);
  return filled;
}

let counter = 0;
const guid = () => {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

function run(action: Action, index: number): void {
  const where = `${lifecycle}[${index}] ${action.uses}`;
  const options = JSON.parse(resolved(where, JSON.stringify(action.with ?? {}))) as Record<string, unknown>;
  const env = JSON.parse(resolved(where, JSON.stringify(action.env ?? {}))) as Record<string, string>;
  const outputs: Record<string, string> = {};
  switch (action.uses) {
    case 'teamsApp/create':
      outputs.teamsAppId = values.get('TEAMS_APP_ID')?.length ? `${values.get('TEAMS_APP_ID')}` : guid();
      break;
    case 'arm/deploy': {
      if (!/^v\d+\.\d+\.\d+$/.test(String(options.bicepCliVersion)))
        fail(`${where}: no bicepCliVersion, so the Toolkit would look for a Bicep on the PATH`);
      for (const template of options.templates as { path: string; parameters: string }[]) {
        const parameters = resolved(`${where} ${template.parameters}`, readFileSync(template.parameters, 'utf8'));
        mkdirSync('.stand-in', { recursive: true });
        writeFileSync('.stand-in/parameters.json', parameters);
        const deployment = spawnSync(
          'az',
          [
            'deployment',
            'group',
            'create',
            '-g',
            String(options.resourceGroupName),
            '-f',
            template.path,
            '-p',
            '.stand-in/parameters.json',
            '--no-prompt',
            '--query',
            'properties.outputs',
            '-o',
            'json',
          ],
          { encoding: 'utf8' },
        );
        if (deployment.status !== 0) fail(`${where}: ${deployment.stderr}`);
        const answer = JSON.parse(deployment.stdout) as Record<string, { value: string }>;
        for (const [name, output] of Object.entries(answer)) write(name, output.value);
      }
      break;
    }
    case 'aadApp/update': {
      const manifest = readFileSync(String(action.with?.manifestPath), 'utf8');
      // The Toolkit makes the access_as_user scope's id up when the manifest asks for it.
      if (!values.get('AAD_APP_ACCESS_AS_USER_PERMISSION_ID')) write('AAD_APP_ACCESS_AS_USER_PERMISSION_ID', guid());
      resolved(`${where} ${String(action.with?.manifestPath)}`, manifest);
      break;
    }
    case 'teamsApp/zipAppPackage':
    case 'teamsApp/validateManifest':
      resolved(`${where} manifest`, readFileSync(String(options.manifestPath), 'utf8'));
      break;
    case 'teamsApp/publishAppPackage':
      outputs.publishedAppId = guid();
      break;
    case 'azureStaticWebApps/getDeploymentToken':
      outputs.deploymentToken = 'deployment-token';
      break;
    case 'cli/runNpmCommand':
    case 'cli/runNpxCommand': {
      const tool = action.uses === 'cli/runNpmCommand' ? 'npm' : 'npx';
      const result = spawnSync('bash', ['-c', `${tool} ${String(options.args)}`], { stdio: 'inherit' });
      if (result.status !== 0) fail(`${where} failed`);
      break;
    }
    case 'script': {
      const result = spawnSync('bash', ['-c', String(options.run)], {
        env: { ...process.env, ...env },
        stdio: 'inherit',
      });
      if (result.status !== 0) fail(`${where} failed`);
      break;
    }
    default:
      // validateAppPackage, update: Microsoft 365, nothing to emulate beyond the values they read.
      break;
  }
  for (const [output, name] of Object.entries(action.writeToEnvironmentFile ?? {})) {
    const value = outputs[output];
    if (value === undefined) fail(`${where}: no output ${output}`);
    write(name, value!);
  }
}

(project[lifecycle] ?? fail(`m365agents.yml has no ${lifecycle}`)).forEach(run);
