import { SignJWT, createLocalJWKSet, importJWK, type JWTVerifyGetKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDevKeys, mintDevToken, type DevKeys } from '../../functions/dev/dev-identity';
import { DEV_AUDIENCE, DEV_ISSUER_BASE } from '../../functions/dev/dev-identity';
import {
  AuthenticationError,
  REQUIRED_SCOPE,
  createTokenVerifier,
  devIssuer,
  devVerifier,
  type TokenVerifier,
} from '../../functions/src/auth';

const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const otherTenant = '9a0e5b7c-3d2f-4c1a-8b6e-5f4d3c2b1a09';
const user = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';

let keys: DevKeys;
let verifier: TokenVerifier;

beforeAll(async () => {
  keys = await createDevKeys();
  verifier = devVerifier({
    jwks: { keys: [keys.publicJwk] },
    issuerBase: DEV_ISSUER_BASE,
    audience: DEV_AUDIENCE,
    allowedTenants: [tenant],
  });
});

async function rejects(token: string, message: RegExp): Promise<void> {
  const error = await verifier.verify(`Bearer ${token}`).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect((error as Error).message).toMatch(message);
}

describe('the bearer-token verifier', () => {
  it('accepts a valid delegated token and takes the user from it', async () => {
    const token = await mintDevToken(keys, { tenantId: tenant, userId: user });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ tenantId: tenant, userId: user });
  });

  it('refuses a missing or malformed header', async () => {
    await expect(verifier.verify(null)).rejects.toThrow(/Bearer/);
    await expect(verifier.verify('Basic abc')).rejects.toThrow(/Bearer/);
    await expect(verifier.verify('Bearer not-a-jwt')).rejects.toThrow(/Bearer/);
  });

  it('refuses an expired token, but tolerates a little clock skew', async () => {
    await rejects(
      await mintDevToken(keys, { tenantId: tenant, userId: user, expiresIn: Math.floor(Date.now() / 1000) - 600 }),
      /expired/,
    );
    const justExpired = await mintDevToken(keys, {
      tenantId: tenant,
      userId: user,
      expiresIn: Math.floor(Date.now() / 1000) - 30,
    });
    await expect(verifier.verify(`Bearer ${justExpired}`)).resolves.toBeTruthy();
  });

  it('refuses a token signed by another key', async () => {
    const stranger = await createDevKeys();
    await rejects(
      await mintDevToken({ ...stranger, kid: keys.kid }, { tenantId: tenant, userId: user }),
      /could not be verified/,
    );
  });

  it('refuses alg none and HS256 signed with the public key', async () => {
    const claims = {
      tid: tenant,
      oid: user,
      scp: 'access_as_user',
      iss: `${DEV_ISSUER_BASE}/${tenant}/v2.0`,
      aud: DEV_AUDIENCE,
    };
    const now = Math.floor(Date.now() / 1000);
    const body = Buffer.from(JSON.stringify({ ...claims, iat: now, exp: now + 600 })).toString('base64url');
    await rejects(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`, /could not be verified/);
    const hmacKey = new TextEncoder().encode(JSON.stringify(keys.publicJwk));
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: keys.kid })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(hmacKey);
    await rejects(hs256, /could not be verified/);
  });

  it('refuses the wrong audience, a wrong issuer and a tenant that is not allowed', async () => {
    await rejects(
      await mintDevToken(keys, { tenantId: tenant, userId: user, audience: 'another-app' }),
      /could not be verified/,
    );
    await rejects(
      await mintDevToken(keys, { tenantId: tenant, userId: user, issuerBase: 'https://evil.example' }),
      /could not be verified/,
    );
    await rejects(await mintDevToken(keys, { tenantId: otherTenant, userId: user }), /not allowed/);
  });

  it('refuses a token without the access_as_user scope (such as an app-only token)', async () => {
    await rejects(await mintDevToken(keys, { tenantId: tenant, userId: user, scope: 'User.Read' }), /access_as_user/);
    const key = await importJWK(keys.privateJwk, 'RS256');
    const appOnly = await new SignJWT({ tid: tenant, oid: user, roles: ['Plans.Read'], idtyp: 'app' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(`${DEV_ISSUER_BASE}/${tenant}/v2.0`)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
    await rejects(appOnly, /access_as_user/);
  });

  it('refuses a token whose user id is not an object id', async () => {
    await rejects(await mintDevToken(keys, { tenantId: tenant, userId: "x' or '1' eq '1" }), /does not name a user/);
  });
});

describe('the verified-token cache (per instance, keyed by the token’s SHA-256, until the token expires)', () => {
  /** A verifier whose key look-ups are counted: each count is one full RS256 check. */
  function counted(cacheSize = 100) {
    const clock = { ms: Date.now() };
    const local = createLocalJWKSet({ keys: [keys.publicJwk] });
    const checks = { count: 0 };
    const countingKeys: JWTVerifyGetKey = (header, token) => {
      checks.count += 1;
      return local(header, token);
    };
    const cached = createTokenVerifier({
      keys: countingKeys,
      issuerFor: (tenantId) => devIssuer(DEV_ISSUER_BASE, tenantId),
      allowedTenants: new Set([tenant]),
      audience: DEV_AUDIENCE,
      requiredScope: REQUIRED_SCOPE,
      clockToleranceSeconds: 120,
      cacheSize,
      now: () => clock.ms,
    });
    return { cached, clock, checks };
  }

  it('answers a repeated token without checking its signature again, with that request’s own token', async () => {
    const { cached, checks } = counted();
    const token = await mintDevToken(keys, { tenantId: tenant, userId: user });
    const first = await cached.verify(`Bearer ${token}`);
    const second = await cached.verify(`Bearer ${token}`);
    expect(checks.count).toBe(1);
    expect(second).toEqual({ tenantId: tenant, userId: user, token });
    expect(second).not.toBe(first);
  });

  it('never answers from the cache at or past the token’s expiry, and then refuses it as expired', async () => {
    const { cached, clock, checks } = counted();
    const exp = Math.floor(clock.ms / 1000) + 600;
    const token = await mintDevToken(keys, { tenantId: tenant, userId: user, expiresIn: exp });
    await cached.verify(`Bearer ${token}`);
    clock.ms = exp * 1000 - 1;
    await cached.verify(`Bearer ${token}`);
    expect(checks.count).toBe(1);
    // At its expiry the entry is gone: the token is checked in full again (the 120 s skew tolerance applies there).
    clock.ms = exp * 1000;
    await cached.verify(`Bearer ${token}`);
    expect(checks.count).toBe(2);
    clock.ms = (exp + 121) * 1000;
    const error = await cached.verify(`Bearer ${token}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/expired/);
  });

  it('does not let one token’s entry answer for another: another user’s token and a tampered copy are checked in full', async () => {
    const { cached, checks } = counted();
    const other = '95f926d7-d7c5-455d-828f-a71042750fce';
    const token = await mintDevToken(keys, { tenantId: tenant, userId: user });
    await cached.verify(`Bearer ${token}`);
    const theirs = await cached.verify(`Bearer ${await mintDevToken(keys, { tenantId: tenant, userId: other })}`);
    expect(theirs.userId).toBe(other);
    expect(checks.count).toBe(2);
    const [header, , signature] = token.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()), oid: other }),
    ).toString('base64url');
    const error = await cached.verify(`Bearer ${header}.${forgedBody}.${signature}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(checks.count).toBe(3);
  });

  it('remembers failures never, and keeps at most its bound of tokens', async () => {
    const { cached, checks } = counted(2);
    const wrongAudience = await mintDevToken(keys, { tenantId: tenant, userId: user, audience: 'another-app' });
    for (let attempt = 0; attempt < 2; attempt += 1)
      await expect(cached.verify(`Bearer ${wrongAudience}`)).rejects.toBeInstanceOf(AuthenticationError);
    expect(checks.count).toBe(2);
    const tokens = await Promise.all(
      [1, 2, 3].map((second) =>
        mintDevToken(keys, { tenantId: tenant, userId: user, expiresIn: Math.floor(Date.now() / 1000) + 600 + second }),
      ),
    );
    for (const token of tokens) await cached.verify(`Bearer ${token}`);
    expect(checks.count).toBe(5);
    // The third token pushed out the first, the least recently used.
    await cached.verify(`Bearer ${tokens[2]!}`);
    expect(checks.count).toBe(5);
    await cached.verify(`Bearer ${tokens[0]!}`);
    expect(checks.count).toBe(6);
  });
});
