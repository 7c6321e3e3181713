import { decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
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
}

export interface TokenVerifier {
  verify(authorization: string | null): Promise<Identity>;
}

export function createTokenVerifier(settings: VerifierSettings): TokenVerifier {
  return {
    async verify(authorization) {
      const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '')?.[1];
      if (!token) throw new AuthenticationError('Sign in: send the Teams token as "Authorization: Bearer <token>".');
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
      return { tenantId: tid, userId: oid, token };
    },
  };
}
