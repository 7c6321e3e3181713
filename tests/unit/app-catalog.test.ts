import { afterEach, describe, expect, it, vi } from 'vitest';
import { TeamsAppIds, catalogIdFrom, catalogLookupUrl, odataString } from '../../functions/src/notify';

const manifestAppId = '0f3e6c2a-9b1d-4e5f-8a7b-6c5d4e3f2a10';
const catalogId = '7a1d3c5e-2b4f-4a6c-8e0d-9f1b3d5e7a2c';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('finding the id the org catalog knows the app by', () => {
  it('quotes the manifest id as an OData string literal and lets URLSearchParams encode the filter', () => {
    expect(odataString("it's")).toBe("'it''s'");
    expect(odataString("''")).toBe("''''''");
    const url = new URL(catalogLookupUrl('https://graph.microsoft.com/v1.0/', "a' or 1 eq 1 or 'b"));
    expect(url.origin + url.pathname).toBe('https://graph.microsoft.com/v1.0/appCatalogs/teamsApps');
    // One $filter parameter whose value is exactly one literal: the quote inside is doubled, not an end.
    expect(url.searchParams.getAll('$filter')).toEqual(["externalId eq 'a'' or 1 eq 1 or ''b'"]);
    expect(url.search).not.toMatch(/ /);
    expect(url.searchParams.get('$select')).toBe('id,externalId,distributionMethod');
  });

  it('takes only the organisation’s own entry for this manifest id', () => {
    const entry = { id: catalogId, externalId: manifestAppId, distributionMethod: 'organization' };
    expect(catalogIdFrom({ value: [entry] }, manifestAppId)).toBe(catalogId);
    expect(catalogIdFrom({ value: [{ ...entry, distributionMethod: 'sideloaded' }] }, manifestAppId)).toBeNull();
    expect(catalogIdFrom({ value: [{ ...entry, externalId: 'another' }] }, manifestAppId)).toBeNull();
    expect(catalogIdFrom({ value: [] }, manifestAppId)).toBeNull();
    expect(catalogIdFrom(null, manifestAppId)).toBeNull();
    expect(catalogIdFrom({ value: [{ ...entry, id: 42 }] }, manifestAppId)).toBeNull();
  });

  it('remembers a bounded number of tenants, the oldest forgotten first, and asks again once an answer expires', async () => {
    let now = 0;
    const asked: string[] = [];
    vi.stubGlobal('fetch', (url: string, init: { headers: Record<string, string> }) => {
      asked.push(init.headers.authorization ?? '');
      expect(url).toContain('/appCatalogs/teamsApps?');
      return Promise.resolve(
        Response.json({ value: [{ id: catalogId, externalId: manifestAppId, distributionMethod: 'organization' }] }),
      );
    });
    const ids = new TeamsAppIds({
      graphBaseUrl: 'https://graph.example/v1.0',
      manifestAppId,
      maxTenants: 2,
      foundTtlMs: 1000,
      now: () => now,
    });
    expect(await ids.idFor('t1', 'token-1')).toBe(catalogId);
    expect(await ids.idFor('t1', 'token-1')).toBe(catalogId);
    expect(asked).toEqual(['Bearer token-1']);
    await ids.idFor('t2', 'token-2');
    await ids.idFor('t3', 'token-3'); // t1 is forgotten: only two tenants are kept
    await ids.idFor('t1', 'token-1');
    expect(asked).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-3', 'Bearer token-1']);
    now = 1001;
    await ids.idFor('t1', 'token-1');
    expect(asked).toHaveLength(5);
    // Without a token there is nothing to ask with: the manifest id.
    expect(await new TeamsAppIds({ graphBaseUrl: 'https://graph.example/v1.0', manifestAppId }).idFor('t9', null)).toBe(
      manifestAppId,
    );
    // An id the admin set wins, and Graph is not asked.
    expect(
      await new TeamsAppIds({ graphBaseUrl: 'x', manifestAppId, catalogAppId: 'set-by-admin' }).idFor('t1', 'token'),
    ).toBe('set-by-admin');
    expect(asked).toHaveLength(5);
  });
});
