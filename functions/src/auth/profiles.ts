import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import { createTokenVerifier, type TokenVerifier } from './verifier';

export const REQUIRED_SCOPE = 'access_as_user';
const CLOCK_TOLERANCE_SECONDS = 120;

/** Production: tokens that Entra ID issues for the app's exposed API (Teams SSO). */
export function entraVerifier(settings: { clientId: string; allowedTenants: readonly string[] }): TokenVerifier {
  return createTokenVerifier({
    keys: createRemoteJWKSet(new URL('https://login.microsoftonline.com/common/discovery/v2.0/keys')),
    issuerFor: (tenantId) => `https://login.microsoftonline.com/${tenantId}/v2.0`,
    allowedTenants: new Set(settings.allowedTenants),
    audience: settings.clientId,
    requiredScope: REQUIRED_SCOPE,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  });
}

/** Dev identity: the same checks, against a local key set and issuer. */
export function devIssuer(issuerBase: string, tenantId: string): string {
  return `${issuerBase.replace(/\/$/, '')}/${tenantId}/v2.0`;
}

export function devVerifier(settings: {
  jwks: JSONWebKeySet;
  issuerBase: string;
  audience: string;
  allowedTenants: readonly string[];
  /** The verified-token cache's bound and clock, when a test sets them (see `createTokenVerifier`). */
  cacheSize?: number;
  now?: () => number;
}): TokenVerifier {
  return createTokenVerifier({
    ...(settings.cacheSize !== undefined ? { cacheSize: settings.cacheSize } : {}),
    ...(settings.now ? { now: settings.now } : {}),
    keys: createLocalJWKSet(settings.jwks),
    issuerFor: (tenantId) => devIssuer(settings.issuerBase, tenantId),
    allowedTenants: new Set(settings.allowedTenants),
    audience: settings.audience,
    requiredScope: REQUIRED_SCOPE,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  });
}
