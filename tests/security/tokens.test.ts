import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevKeys, DEV_AUDIENCE, DEV_ISSUER_BASE, mintDevToken } from '../../functions/dev/dev-identity';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

const now = () => Math.floor(Date.now() / 1000);

describe('bad tokens', () => {
  it('refuses every forged, stale, misdirected or misplaced token, over HTTP', async () => {
    const ava = stack.person('ava');
    const fabrikam = stack.person('fabrikam-ava');
    const claims = { tid: ava.tenantId, oid: ava.id, scp: 'access_as_user' };
    const issuer = `${DEV_ISSUER_BASE}/${ava.tenantId}/v2.0`;
    const key = await importJWK(stack.keys.privateJwk, 'RS256');
    const sign = (
      payload: Record<string, unknown>,
      options: { iss?: string; aud?: string; exp?: number; nbf?: number; kid?: string } = {},
    ) => {
      const jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? stack.keys.kid })
        .setIssuer(options.iss ?? issuer)
        .setAudience(options.aud ?? DEV_AUDIENCE)
        .setIssuedAt(now() - 60)
        .setExpirationTime(options.exp ?? now() + 600);
      if (options.nbf) jwt.setNotBefore(options.nbf);
      return jwt.sign(key);
    };
    const stranger = await createDevKeys();
    const body = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    const valid = await mintDevToken(stack.keys, { tenantId: ava.tenantId, userId: ava.id });

    const bad: [string, Record<string, string>, string][] = [
      [
        'expired beyond the clock tolerance',
        { authorization: `Bearer ${await sign(claims, { exp: now() - 600 })}` },
        'me',
      ],
      [
        'not valid yet, beyond the tolerance',
        { authorization: `Bearer ${await sign(claims, { nbf: now() + 600 })}` },
        'me',
      ],
      [
        'signed by another key',
        {
          authorization: `Bearer ${await mintDevToken({ ...stranger, kid: stack.keys.kid }, { tenantId: ava.tenantId, userId: ava.id })}`,
        },
        'me',
      ],
      ['signature stripped', { authorization: `Bearer ${valid.split('.').slice(0, 2).join('.')}.` }, 'me'],
      [
        'alg none',
        {
          authorization: `Bearer ${body({ alg: 'none', typ: 'JWT' })}.${body({ ...claims, iss: issuer, aud: DEV_AUDIENCE, exp: now() + 600, iat: now() })}.`,
        },
        'me',
      ],
      [
        'HS256 keyed with the public key',
        {
          authorization: `Bearer ${await new SignJWT({ ...claims })
            .setProtectedHeader({ alg: 'HS256', kid: stack.keys.kid })
            .setIssuer(issuer)
            .setAudience(DEV_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(new TextEncoder().encode(JSON.stringify(stack.keys.publicJwk)))}`,
        },
        'me',
      ],
      ['unknown key id', { authorization: `Bearer ${await sign(claims, { kid: 'no-such-key' })}` }, 'me'],
      ['wrong audience', { authorization: `Bearer ${await sign(claims, { aud: 'api://another-app' })}` }, 'me'],
      [
        'wrong issuer',
        { authorization: `Bearer ${await sign(claims, { iss: 'https://login.example/evil/v2.0' })}` },
        'me',
      ],
      [
        'issuer of another tenant than tid',
        { authorization: `Bearer ${await sign(claims, { iss: `${DEV_ISSUER_BASE}/${fabrikam.tenantId}/v2.0` })}` },
        'me',
      ],
      [
        'tenant not allowed',
        {
          authorization: `Bearer ${await sign({ ...claims, tid: '3b8e0c6a-0000-4000-8000-000000000001' }, { iss: `${DEV_ISSUER_BASE}/3b8e0c6a-0000-4000-8000-000000000001/v2.0` })}`,
        },
        'me',
      ],
      ['no access_as_user scope', { authorization: `Bearer ${await sign({ ...claims, scp: 'User.Read' })}` }, 'me'],
      [
        'app-only token (roles, no scope)',
        {
          authorization: `Bearer ${await sign({ tid: ava.tenantId, oid: ava.id, roles: ['Plans.ReadWrite.All'], idtyp: 'app' })}`,
        },
        'me',
      ],
      [
        'user id that is not an object id',
        { authorization: `Bearer ${await sign({ ...claims, oid: "x' or '1' eq '1" })}` },
        'me',
      ],
      ['token in the query string', {}, `me?access_token=${valid}`],
      ['no Authorization header', {}, 'me'],
      ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from('ava:password').toString('base64')}` }, 'me'],
      ['garbage', { authorization: 'Bearer not.a.token' }, 'me'],
    ];
    // Every answer is recorded as it comes; the figures printed are counted from these records.
    const refusals: { name: string; status: number; challenge: string | null }[] = [];
    for (const [name, headers, path] of bad) {
      const response = await fetch(`${stack.url}/api/${path}`, { headers });
      refusals.push({ name, status: response.status, challenge: response.headers.get('www-authenticate') });
    }
    const accepted = refusals.filter((refusal) => refusal.status !== 401);
    const unchallenged = refusals.filter((refusal) => !(refusal.challenge ?? '').startsWith('Bearer'));

    // Inside the clock tolerance the same kinds of tokens are accepted: the tolerance is real, and small.
    const tolerated: { name: string; status: number }[] = [];
    for (const [name, token] of [
      ['expired 30 s ago', await sign(claims, { exp: now() - 30 })],
      ['valid in 30 s', await sign(claims, { nbf: now() + 30 })],
    ] as const) {
      const response = await fetch(`${stack.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      tolerated.push({ name, status: response.status });
    }
    const refusedWithinTolerance = tolerated.filter((entry) => entry.status !== 200);

    console.log(
      `bad tokens: ${refusals.length} tried, ${accepted.length} accepted, ${unchallenged.length} without a Bearer challenge; ` +
        `inside the tolerance ${tolerated.length - refusedWithinTolerance.length} of ${tolerated.length} accepted`,
    );
    expect(refusals).toHaveLength(bad.length);
    expect(accepted.map((refusal) => `${refusal.name}: ${refusal.status}`)).toEqual([]);
    expect(unchallenged.map((refusal) => `${refusal.name}: ${refusal.challenge}`)).toEqual([]);
    expect(refusedWithinTolerance.map((entry) => `${entry.name}: ${entry.status}`)).toEqual([]);
  });
});
