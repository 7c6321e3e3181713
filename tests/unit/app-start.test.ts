import azureFunctions, { type AppStartHandler } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../functions/src/config';

const production = {
  WEBSITE_SITE_NAME: 'careerconv-api-abc',
  MANAGED_IDENTITY_CLIENT_ID: '8d3f0c2a-6b1e-4f7d-9a5c-2e4b6d8f0a1c',
  TABLES_ENDPOINT: 'https://careerconvabc.table.core.windows.net/',
  ENTRA_CLIENT_ID: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
  ALLOWED_TENANT_IDS: '1736b4c5-d7c7-462a-aa17-fdf2016559c3',
};

describe('the Azure Functions entry at start-up', () => {
  it('checks every setting when the host starts the app, naming each problem, before any request', async () => {
    const hooks: AppStartHandler[] = [];
    vi.spyOn(azureFunctions.app, 'http').mockImplementation(() => undefined);
    vi.spyOn(azureFunctions.app.hook, 'appStart').mockImplementation((handler) => {
      hooks.push(handler);
      return new azureFunctions.Disposable(() => undefined);
    });
    const entry = await import('../../functions/src/index');
    expect(hooks).toHaveLength(1);

    // The hook reads process.env as the host sets it.
    vi.stubEnv('TABLES_ENDPOINT', '');
    vi.stubEnv('ENTRA_CLIENT_ID', '');
    vi.stubEnv('WEBSITE_SITE_NAME', 'careerconv-api-abc');
    let refused: unknown;
    try {
      await hooks[0]!(new azureFunctions.AppStartContext());
    } catch (error) {
      refused = error;
    }
    vi.unstubAllEnvs();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems.join('\n')).toMatch(/TABLES_ENDPOINT/);
    expect((refused as ConfigError).problems.join('\n')).toMatch(/ENTRA_CLIENT_ID is not set/);

    // Azure's settings as the Bicep template writes them start the app, signing in as the named identity.
    expect(entry.startApp(production).identity).toEqual({
      kind: 'managedIdentity',
      clientId: production.MANAGED_IDENTITY_CLIENT_ID,
    });
    expect(() => entry.startApp({ ...production, MANAGED_IDENTITY_CLIENT_ID: '' })).toThrow(
      /MANAGED_IDENTITY_CLIENT_ID is not set/,
    );
  });
});
