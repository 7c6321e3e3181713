import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The provisioning and deployment scripts (infra/scripts), run against stand-ins for the Azure CLI
 * and curl that record every call: no Azure here, but the scripts' decisions are real.
 */

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'deploy-scripts-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const TENANT = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const CLIENT_ID = '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c';
const IDENTITY = '8d3f0c2a-6b1e-4f7d-9a5c-2e4b6d8f0a1c';
const SYSTEM_IDENTITY = 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

const bin = join(work, 'bin');
mkdirSync(bin);
// `az`: answers what the scripts ask, fails the first $STUB_DEPLOY_FAILURES deployments, logs each call.
writeFileSync(
  join(bin, 'az'),
  `#!/usr/bin/env bash
{ printf '%s\\n' "$@"; echo '---'; } >> "$STUB_LOG"
case "$*" in
  "account show"*) echo "${TENANT}" ;;
  "ad app federated-credential list"*) echo "\${STUB_EXISTING_SUBJECT:-}" ;;
  "ad app federated-credential"*) echo '{}' ;;
  "functionapp deployment source config-zip"*)
    count=$(cat "$STUB_LOG.deploys" 2>/dev/null || echo 0); echo $((count + 1)) > "$STUB_LOG.deploys"
    if [ "$count" -lt "\${STUB_DEPLOY_FAILURES:-0}" ]; then
      echo "ERROR: BlobUploadFailedException: 403 This request is not authorized" >&2; exit 1
    fi ;;
  "functionapp show"*) echo "careerconv-api-abc.azurewebsites.net" ;;
  *) echo "unexpected az $*" >&2; exit 2 ;;
esac
`,
);
writeFileSync(join(bin, 'curl'), '#!/usr/bin/env bash\nprintf "%s" "${STUB_HTTP_STATUS:-401}"\n');
chmodSync(join(bin, 'az'), 0o755);
chmodSync(join(bin, 'curl'), 0o755);
const functionsZip = join(work, 'functions.zip');
writeFileSync(functionsZip, 'zip');

let runs = 0;
function run(script: string, env: Record<string, string>) {
  runs += 1;
  const log = join(work, `az-${runs}.log`);
  const result = spawnSync('bash', [join(ROOT, 'infra/scripts', script)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: work, STUB_LOG: log, ...env },
  });
  const calls = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('---\n')
        .filter(Boolean)
        .map((call) => call.trimEnd().split('\n'))
    : [];
  return { status: result.status, output: `${result.stdout}${result.stderr}`, calls };
}

const credentialEnv = { ENTRA_CLIENT_ID: CLIENT_ID, MANAGED_IDENTITY_PRINCIPAL_ID: IDENTITY };

describe('infra/scripts/federated-credential.sh', () => {
  it('makes the user-assigned identity the app registration’s federated credential', () => {
    const { status, output, calls } = run('federated-credential.sh', credentialEnv);
    expect(status, output).toBe(0);
    const create = calls.find((call) => call.slice(0, 4).join(' ') === 'ad app federated-credential create');
    expect(create).toBeDefined();
    expect(create![create!.indexOf('--id') + 1]).toBe(CLIENT_ID);
    const parameters = JSON.parse(create![create!.indexOf('--parameters') + 1]!) as Record<string, unknown>;
    expect(parameters).toMatchObject({
      name: 'career-api',
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      subject: IDENTITY,
      audiences: ['api://AzureADTokenExchange'],
    });
  });

  it('corrects a credential that names another identity, such as the Function App’s former system identity', () => {
    const { status, output, calls } = run('federated-credential.sh', {
      ...credentialEnv,
      STUB_EXISTING_SUBJECT: SYSTEM_IDENTITY,
    });
    expect(status, output).toBe(0);
    const update = calls.find((call) => call.slice(0, 4).join(' ') === 'ad app federated-credential update');
    expect(update).toBeDefined();
    expect(update![update!.indexOf('--federated-credential-id') + 1]).toBe('career-api');
    expect(JSON.parse(update![update!.indexOf('--parameters') + 1]!)).toMatchObject({ subject: IDENTITY });
    expect(output).toMatch(new RegExp(`it named ${SYSTEM_IDENTITY}`));
  });

  it('leaves a correct credential alone, and names what is missing', () => {
    const same = run('federated-credential.sh', { ...credentialEnv, STUB_EXISTING_SUBJECT: IDENTITY });
    expect(same.status, same.output).toBe(0);
    expect(same.calls.map((call) => call.slice(0, 4).join(' '))).not.toContain('ad app federated-credential create');
    expect(same.calls.map((call) => call.slice(0, 4).join(' '))).not.toContain('ad app federated-credential update');
    const missing = run('federated-credential.sh', { ENTRA_CLIENT_ID: CLIENT_ID });
    expect(missing.status).not.toBe(0);
    expect(missing.output).toMatch(/MANAGED_IDENTITY_PRINCIPAL_ID/);
  });
});

describe('infra/scripts/deploy-api.sh', () => {
  const deployEnv = {
    AZURE_RESOURCE_GROUP_NAME: 'career-conversations',
    FUNCTION_APP_NAME: 'careerconv-api-abc',
    FUNCTION_PACKAGE: functionsZip,
    DEPLOY_RETRY_SECONDS: '0',
    HEALTH_RETRY_SECONDS: '0',
  };
  const deploys = (calls: string[][]) =>
    calls.filter((call) => call.slice(0, 4).join(' ') === 'functionapp deployment source config-zip');

  it('retries while the new role assignments take effect, then checks that the API answers', () => {
    const { status, output, calls } = run('deploy-api.sh', { ...deployEnv, STUB_DEPLOY_FAILURES: '2' });
    expect(status, output).toBe(0);
    expect(deploys(calls)).toHaveLength(3);
    expect(deploys(calls)[0]).toEqual(
      expect.arrayContaining(['-g', 'career-conversations', '-n', 'careerconv-api-abc']),
    );
    expect(output).toMatch(/Attempt 1 failed/);
    expect(output).toMatch(/answers \(401 without a token/);
  });

  it('gives up after the time allowed, pointing at the role assignments', () => {
    const { status, output } = run('deploy-api.sh', {
      ...deployEnv,
      STUB_DEPLOY_FAILURES: '99',
      DEPLOY_RETRY_MINUTES: '0',
    });
    expect(status).toBe(1);
    expect(output).toMatch(/az role assignment list/);
  });

  it('fails when the deployed API does not answer as a running app does', () => {
    const { status, output } = run('deploy-api.sh', { ...deployEnv, STUB_HTTP_STATUS: '404' });
    expect(status).toBe(1);
    expect(output).toMatch(/answered 404 instead of 401/);
  });
});
