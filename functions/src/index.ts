import azureFunctions from '@azure/functions';
import { loadConfig, type AppConfig } from './config';
import { nudgeRunLogLine, runNudges } from './functions/nudges-run';
import { authenticated } from './http/handler';
import { publicRoutes, routes } from './routes';
import { createServices, type Services } from './services';

const { app } = azureFunctions;

let config: AppConfig | undefined;
let ready: Promise<Services> | undefined;

/**
 * Reads and checks every setting. The Functions host runs it when the app starts, so a missing or
 * invalid setting stops the app then, with a ConfigError naming each one in the log, instead of
 * failing the first request.
 */
export function startApp(env: Record<string, string | undefined> = process.env): AppConfig {
  config = loadConfig(env);
  return config;
}

/**
 * One set of services per worker process, made on first use and shared by every invocation. A
 * failed attempt is not kept: the next request tries again (storage access granted minutes ago may
 * not have taken effect yet on a first deployment).
 */
function services(): Promise<Services> {
  ready ??= createServices(config ?? startApp()).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

app.hook.appStart(() => {
  startApp();
});

for (const definition of routes) {
  const { name, methods, route } = definition;
  app.http(name, { methods, route, authLevel: 'anonymous', handler: authenticated(definition, services) });
}
// The API's description (OpenAPI): no token, no services.
for (const { name, methods, route, handler } of publicRoutes) {
  app.http(name, { methods, route, authLevel: 'anonymous', handler });
}

/**
 * The daily nudges run, at 06:00 UTC: a retried or repeated run sends nothing twice. Off unless
 * NUDGES_MODE=graph, and then it logs one line of counts.
 */
app.timer('nudges-daily', {
  schedule: '0 0 6 * * *',
  handler: async (_timer, invocation) => {
    const ready = await services();
    const tenants = (config ?? startApp()).auth.allowedTenants;
    if (!ready.sender) {
      invocation.log('Nudges run: off (NUDGES_MODE is not "graph").');
      return;
    }
    invocation.log(nudgeRunLogLine(await runNudges(ready, ready.sender, tenants)));
  },
});
