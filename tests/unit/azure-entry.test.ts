import azureFunctions from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { publicRoutes, routes } from '../../functions/src/routes';

describe('the Azure Functions entry', () => {
  it('registers every row of the route table, anonymous at the host (the app checks the token itself)', async () => {
    const register = vi.spyOn(azureFunctions.app, 'http').mockImplementation(() => undefined);
    await import('../../functions/src/index');
    const registered = register.mock.calls.map(([name, options]) => ({
      name,
      methods: options.methods,
      route: options.route,
      authLevel: options.authLevel,
    }));
    // The authenticated routes, then the public ones (the API's OpenAPI description).
    const all = [...routes, ...publicRoutes];
    expect(registered).toEqual(
      all.map(({ name, methods, route }) => ({ name, methods, route, authLevel: 'anonymous' })),
    );
    expect(new Set(all.map((route) => route.name)).size).toBe(all.length);
    expect(publicRoutes.map((route) => route.route)).toEqual(['openapi.json', 'openapi-3.0.json']);
  });
});
