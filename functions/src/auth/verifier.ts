import { createHash } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ExpiringCache } from '../cache/expiring-cache';
import { GUID_PATTERN } from '../domain';

/** Who is calling: taken from a verified token only, never from the body, the query or the Teams context. */
export interface Identity {
  tenantId: string;
  userId: string;
  /** The raw bearer token, for on-behalf-of calls to the directory. */
  token: string;
}

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface VerifierSettings {
  /** Signing keys: Entra's JWKS in production, a local key set in dev mode. */
  keys: JWTVerifyGetKey;
  /** The issuer a token of tenant `tid` must carry. */
  issuerFor: (tenantId: string) => string;
  allowedTenants: ReadonlySet<string>;
  audience: string;
  requiredScope: string;
  clockToleranceSeconds: number;
  /**
   * How many verified tokens this instance remembers (0: none). A repeated token (the side panel
   * polls with the same one for up to an hour) then costs a SHA-256 and a map look-up instead of an
   * RS256 check. See `createTokenVerifier`.
   */
  cacheSize?: number;
  /** Milliseconds since the epoch, for the cache and the expiry check; a test may move it. */
  now?: () => number;
}

/** Verified tokens kept per Function App instance: ~200 bytes each, so the bound costs at most a few MB. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export interface TokenVerifier {
  verify(authorization: string | null): Promise<Identity>;
}

/**
 * Checks bearer tokens (see docs/architecture.md, "Identity and access").
 *
 * A token that passed every check is remembered, per Function App instance, under the SHA-256 of
 * the whole token (never the token itself, and never by a part of it that another token could
 * share), with the tenant and user it proved, until the token's own `exp` — not a moment later, and
 * without the clock tolerance the first check allowed. Only that exact token, byte for byte, finds
 * the entry, so one user's entry can never answer another's request; each request still gets its
 * own `Identity` carrying its own token. Failures are never remembered. The bound
 * (`cacheSize`, least recently used out first) caps the memory whatever callers send.
 * What this trades: a signing key Entra withdraws mid-hour stops tokens it signed on this instance
 * only when they expire (at most the token lifetime, about an hour), as with any cached validation.
 */
export function createTokenVerifier(settings: VerifierSettings): TokenVerifier {
  const now = settings.now ?? Date.now;
  const verified = new ExpiringCache<{ tenantId: string; userId: string }>({
    maxEntries: settings.cacheSize ?? VERIFIED_TOKEN_CACHE_SIZE,
    now,
  });
  return {
    async verify(authorization) {
      const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '')?.[1];
      if (!token) throw new AuthenticationError('Sign in: send the Teams token as "Authorization: Bearer <token>".');
      const key = createHash('sha256').update(token).digest('base64url');
      const known = verified.get(key);
      if (known) return { ...known, token };
      let unverifiedTenant: unknown;
      try {
        unverifiedTenant = decodeJwt(token).tid;
      } catch {
        throw new AuthenticationError('The token is not a valid JWT.');
      }
      // The tenant picks the issuer to expect; the signature check below proves the claim.
      if (typeof unverifiedTenant !== 'string' || !settings.allowedTenants.has(unverifiedTenant)) {
        throw new AuthenticationError('This organisation is not allowed to use the app.');
      }
      let payload;
      try {
        ({ payload } = await jwtVerify(token, settings.keys, {
          algorithms: ['RS256'],
          issuer: settings.issuerFor(unverifiedTenant),
          audience: settings.audience,
          clockTolerance: settings.clockToleranceSeconds,
          currentDate: new Date(now()),
          requiredClaims: ['exp', 'iat', 'oid', 'tid'],
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired)
          throw new AuthenticationError('The token has expired: sign in again.');
        if (error instanceof joseErrors.JOSEError) throw new AuthenticationError('The token could not be verified.');
        throw error;
      }
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(settings.requiredScope)) {
        throw new AuthenticationError(
          `The token lacks the ${settings.requiredScope} scope: it must be a user's delegated token for this app.`,
        );
      }
      const { oid, tid } = payload;
      if (typeof oid !== 'string' || typeof tid !== 'string' || !GUID_PATTERN.test(oid) || tid !== unverifiedTenant) {
        throw new AuthenticationError('The token does not name a user of an allowed organisation.');
      }
      // `exp` is a required claim, so jose has checked it is a number.
      if (typeof payload.exp === 'number') verified.set(key, { tenantId: tid, userId: oid }, payload.exp * 1000);
      return { tenantId: tid, userId: oid, token };
    },
  };
}
