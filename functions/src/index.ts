import azureFunctions from '@azure/functions';
import { loadConfig, type AppConfig } from './config';
import { authenticated } from './http/handler';
import { routes } from './routes';
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

for (const { name, methods, route, handler } of routes) {
  app.http(name, { methods, route, authLevel: 'anonymous', handler: authenticated(handler, services) });
}
