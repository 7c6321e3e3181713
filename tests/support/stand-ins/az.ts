/**
 * A stand-in for the Azure CLI, run by the install-path tests (tests/unit/install-paths.test.ts) in
 * place of `az`: it records every call (JSON lines in $STAND_IN_LOG) and answers the calls the README
 * and the deploy scripts make. `az deployment group create` reads the Bicep file as Azure would for
 * its parameters: every parameter without a default must be given (with --no-prompt, a missing one
 * is an error; without it, the real CLI would ask), no unknown one, each within its @allowed values
 * and lengths; it answers the template's outputs, each with a value of its kind.
 * Self-contained (Node's type stripping runs it): it imports nothing from the repository.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.STAND_IN_LOG ?? '/dev/null', `${JSON.stringify({ tool: 'az', args })}\n`);

const fail = (message: string): never => {
  process.stderr.write(`ERROR: ${message}\n`);
  process.exit(1);
};
const option = (...names: string[]): string | undefined => {
  const index = args.findIndex((arg) => names.includes(arg));
  return index >= 0 ? args[index + 1] : undefined;
};
/** The command words (`deployment group create`), the longest known one the call starts with. */
const KNOWN = [
  'account show',
  'bicep install',
  'group create',
  'role assignment list',
  'functionapp deployment source config-zip',
  'deployment group create',
  'rest',
  'ad app update',
  'ad app permission add',
  'ad app permission admin-consent',
  'ad sp show',
  'functionapp show',
  'staticwebapp secrets list',
];
const positional = args.filter((arg) => !arg.startsWith('-'));
const command =
  KNOWN.find((known) => positional.slice(0, known.split(' ').length).join(' ') === known) ?? positional.join(' ');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Parameter {
  name: string;
  type: string;
  hasDefault: boolean;
  allowed: string[] | null;
  minLength: number | null;
  maxLength: number | null;
}

/** The parameters of a Bicep file, with the decorators that constrain them. */
function parametersOf(source: string): Parameter[] {
  const lines = source.split('\n');
  const parameters: Parameter[] = [];
  for (const [index, line] of lines.entries()) {
    const match = /^param (\w+) (\w+)( = .*)?$/.exec(line);
    if (!match) continue;
    let decorators = '';
    for (let back = index - 1; back >= 0 && /^(@|\s+'|\]\)|#)/.test(lines[back] ?? ''); back -= 1)
      decorators = `${lines[back] ?? ''}\n${decorators}`;
    const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(decorators)?.[1];
    parameters.push({
      name: match[1] ?? '',
      type: match[2] ?? '',
      hasDefault: Boolean(match[3]),
      allowed: allowed ? [...allowed.matchAll(/'([^']*)'/g)].map((value) => value[1] ?? '') : null,
      minLength: Number(/@minLength\((\d+)\)/.exec(decorators)?.[1] ?? NaN) || null,
      maxLength: Number(/@maxLength\((\d+)\)/.exec(decorators)?.[1] ?? NaN) || null,
    });
  }
  return parameters;
}

/** A value of each output's kind, as a deployment would answer it. */
function outputValue(name: string, given: Record<string, string>): string {
  const samples: Record<string, string> = {
    TAB_DOMAIN: 'careerconv-tab-abc.azurestaticapps.net',
    API_BASE_URL: 'https://careerconv-api-abc.azurewebsites.net/api',
    WEBPUBSUB_HOST: 'careerconv-live-abc.webpubsub.azure.com',
    TABLES_ENDPOINT: 'https://careerconvabc.table.core.windows.net/',
    FUNCTION_APP_NAME: 'careerconv-api-abc',
    STATIC_WEB_APP_NAME: 'careerconv-tab-abc',
    STORAGE_ACCOUNT_NAME: 'careerconvabc',
    ENTRA_CLIENT_ID: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
    ENTRA_APP_OBJECT_ID: '0c6d1e0a-3f1b-4c53-9d07-3b8f1b7a2c11',
    ENTRA_TENANT_ID: '1736b4c5-d7c7-462a-aa17-fdf2016559c3',
    MANAGED_IDENTITY_PRINCIPAL_ID: '8d3f0c2a-6b1e-4f7d-9a5c-2e4b6d8f0a1c',
    MANAGED_IDENTITY_CLIENT_ID: '3c1e5a7b-9d2f-4b6a-8e0c-1f3a5c7e9b2d',
  };
  if (name === 'TEAMS_APP_ID') return given.TEAMS_APP_ID ?? '';
  if (name.endsWith('_RESOURCE_ID')) return `/subscriptions/0/resourceGroups/rg/providers/x/${name.toLowerCase()}`;
  return samples[name] ?? `sample-${name.toLowerCase()}`;
}

function deploy(): void {
  const file = option('-f', '--template-file') ?? fail('--template-file is required');
  if (!existsSync(file)) fail(`No template at ${file}.`);
  const source = readFileSync(file, 'utf8');
  const given: Record<string, string> = {};
  args.forEach((arg, index) => {
    if (arg !== '-p' && arg !== '--parameters') return;
    const value = args[index + 1] ?? '';
    if (value.endsWith('.json') && existsSync(value)) {
      const parameters = (JSON.parse(readFileSync(value, 'utf8')) as { parameters: Record<string, { value: unknown }> })
        .parameters;
      for (const [name, entry] of Object.entries(parameters)) given[name] = String(entry.value);
    } else {
      const equals = value.indexOf('=');
      if (equals < 1) fail(`A parameter is NAME=VALUE or a .json file, not "${value}".`);
      given[value.slice(0, equals)] = value.slice(equals + 1);
    }
  });
  const parameters = parametersOf(source);
  for (const name of Object.keys(given))
    if (!parameters.some((parameter) => parameter.name === name)) fail(`The template has no parameter ${name}.`);
  const missing = parameters.filter((parameter) => !parameter.hasDefault && !(parameter.name in given));
  if (missing.length > 0) {
    if (!args.includes('--no-prompt')) fail(`Would prompt for ${missing.map((p) => p.name).join(', ')}.`);
    fail(`Missing input parameters: ${missing.map((p) => p.name).join(', ')}`);
  }
  for (const parameter of parameters) {
    const value = given[parameter.name];
    if (value === undefined) continue;
    if (parameter.allowed && !parameter.allowed.includes(value))
      fail(`${parameter.name} "${value}" is not one of the allowed values.`);
    if (parameter.minLength !== null && value.length < parameter.minLength) fail(`${parameter.name} is too short.`);
    if (parameter.maxLength !== null && value.length > parameter.maxLength) fail(`${parameter.name} is too long.`);
  }
  const outputs = Object.fromEntries(
    [...source.matchAll(/^output (\w+) (\w+) = /gm)].map((match) => [
      match[1] ?? '',
      { type: 'String', value: outputValue(match[1] ?? '', given) },
    ]),
  );
  process.stdout.write(`${JSON.stringify(outputs, null, 2)}\n`);
}

const GRAPH_ROLES: Record<string, string> = {
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'AppCatalog.Read.All': 'e12dae10-5a57-4817-b79d-dfbec5348930',
  'TeamsActivity.Send': 'a267235f-af13-44dc-8385-c1dc93023186',
};

switch (command) {
  case 'account show':
    process.stdout.write('1736b4c5-d7c7-462a-aa17-fdf2016559c3\n');
    break;
  case 'bicep install':
  case 'group create':
  case 'role assignment list':
  case 'functionapp deployment source config-zip':
    break;
  case 'deployment group create':
    deploy();
    break;
  case 'rest': {
    const uri = option('--uri') ?? '';
    if (!/\/applications\/[0-9a-f-]{36}$/.test(uri)) fail(`No application object id in ${uri}.`);
    JSON.parse(option('--body') ?? 'not json');
    break;
  }
  case 'ad app update':
  case 'ad app permission add':
  case 'ad app permission admin-consent':
    if (!GUID.test(option('--id') ?? '')) fail(`--id must be the registration's client id, not "${option('--id')}".`);
    break;
  case 'ad sp show': {
    const role = /value=='([^']+)'/.exec(option('--query') ?? '')?.[1] ?? '';
    process.stdout.write(`${GRAPH_ROLES[role] ?? ''}\n`);
    break;
  }
  case 'functionapp show':
    process.stdout.write('careerconv-api-abc.azurewebsites.net\n');
    break;
  case 'staticwebapp secrets list':
    process.stdout.write('deployment-token\n');
    break;
  default:
    fail(`unexpected az ${args.join(' ')}`);
}
