/** The entity changed since the caller read it: its ETag no longer matches. */
export class StaleEtagError extends Error {
  constructor(readonly what: string) {
    super(`The ${what} was changed by someone else.`);
    this.name = 'StaleEtagError';
  }
}

/** An entity the operation needs is missing. */
export class EntityNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`The ${what} does not exist.`);
    this.name = 'EntityNotFoundError';
  }
}

/** A create met an existing entity, usually a concurrent create. */
export class EntityExistsError extends Error {
  constructor(readonly what: string) {
    super(`The ${what} already exists.`);
    this.name = 'EntityExistsError';
  }
}

interface StorageFailure {
  statusCode?: number;
  code?: string;
}

function asStorageFailure(error: unknown): StorageFailure {
  return typeof error === 'object' && error !== null ? error : {};
}

export function isPreconditionFailure(error: unknown): boolean {
  const { statusCode, code } = asStorageFailure(error);
  return statusCode === 412 || code === 'UpdateConditionNotSatisfied';
}

export function isNotFound(error: unknown): boolean {
  const { statusCode, code } = asStorageFailure(error);
  return statusCode === 404 || code === 'ResourceNotFound';
}

export function isAlreadyExists(error: unknown): boolean {
  const { statusCode, code } = asStorageFailure(error);
  return statusCode === 409 || code === 'EntityAlreadyExists';
}

/** Maps the storage answers that mean a race into our own errors; anything else stays a failure. */
export function translateWriteError(error: unknown, what: string): never {
  if (isPreconditionFailure(error)) throw new StaleEtagError(what);
  if (isAlreadyExists(error)) throw new EntityExistsError(what);
  if (isNotFound(error)) throw new EntityNotFoundError(what);
  throw error;
}

/**
 * A storage request refused for what it asked (any 4xx from the service, after the client's own
 * retries), as opposed to a failure of ours or of the network; null for anything else.
 */
export function storageRefusal(error: unknown): { status: number; code: string | null } | null {
  if (!(error instanceof Error) || error.name !== 'RestError') return null;
  const { statusCode, code } = asStorageFailure(error);
  if (statusCode === undefined || statusCode < 400 || statusCode > 499) return null;
  return { status: statusCode, code: code ?? null };
}
