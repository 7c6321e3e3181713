import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { REQUIRED_SCOPE, devIssuer } from '../src/auth';

/** The audience dev tokens carry, standing in for the app registration's client id. */
export const DEV_AUDIENCE = '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c';
export const DEV_ISSUER_BASE = 'http://localhost:7071/dev-identity';

export interface DevKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createDevKeys(): Promise<DevKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };
}

/** Reads the local key pair, making one on first use; the public half goes beside it as a JWKS. */
export async function loadOrCreateDevKeys(keysFile: string, jwksFile: string): Promise<DevKeys> {
  let keys: DevKeys;
  if (existsSync(keysFile)) {
    keys = JSON.parse(readFileSync(keysFile, 'utf8')) as DevKeys;
  } else {
    keys = await createDevKeys();
    mkdirSync(dirname(keysFile), { recursive: true });
    writeFileSync(keysFile, JSON.stringify(keys), { mode: 0o600 });
  }
  writeFileSync(jwksFile, JSON.stringify({ keys: [keys.publicJwk] }));
  return keys;
}

export interface DevTokenClaims {
  tenantId: string;
  userId: string;
  name?: string;
  /** Defaults to the scope the API requires. */
  scope?: string;
  issuerBase?: string;
  audience?: string;
  expiresIn?: string | number;
}

/** A token shaped like Entra's v2 delegated tokens, signed with the local key. */
export async function mintDevToken(keys: DevKeys, claims: DevTokenClaims): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'RS256');
  const jwt = new SignJWT({
    tid: claims.tenantId,
    oid: claims.userId,
    name: claims.name,
    scp: claims.scope ?? REQUIRED_SCOPE,
    ver: '2.0',
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(devIssuer(claims.issuerBase ?? DEV_ISSUER_BASE, claims.tenantId))
    .setAudience(claims.audience ?? DEV_AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h');
  return jwt.sign(key);
}
