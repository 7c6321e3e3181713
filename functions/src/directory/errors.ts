/** The organisation's admin has not granted the app access to the directory. */
export class DirectoryConsentError extends Error {
  constructor() {
    super(
      'Your organisation’s admin has not yet allowed Career Conversations to read the directory (managers and reports). Ask them to grant admin consent for the app.',
    );
    this.name = 'DirectoryConsentError';
  }
}

/** The directory is busy or down; the caller may try again later. */
export class DirectoryUnavailableError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The directory is busy right now, so the app cannot check who manages whom. Try again in a moment.');
    this.name = 'DirectoryUnavailableError';
  }
}
