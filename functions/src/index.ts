import azureFunctions from '@azure/functions';
import { loadConfig } from './config';
import { authenticated } from './http/handler';
import { routes } from './routes';
import { createServices, type Services } from './services';

const { app } = azureFunctions;

// One set of services per worker process, created on first use and reused by every invocation.
let ready: Promise<Services> | undefined;
const services = (): Promise<Services> => (ready ??= createServices(loadConfig()));

for (const { name, methods, route, handler } of routes) {
  app.http(name, { methods, route, authLevel: 'anonymous', handler: authenticated(handler, services) });
}
