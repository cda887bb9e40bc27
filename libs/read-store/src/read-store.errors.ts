/** A `nextCursor` that this store did not issue, or that was altered. Callers answer 400. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(detail = 'The cursor is not one this API issued; start again without a cursor.') {
    super(detail);
  }
}

/** A filter or update operator outside the subset both adapters implement identically. */
export class UnsupportedFilterError extends Error {
  override readonly name = 'UnsupportedFilterError';
}

/** The embedded store could not be opened or written (read-only or full disk, bad path). */
export class ReadStoreUnavailableError extends Error {
  override readonly name = 'ReadStoreUnavailableError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

/** An insert whose `_id` (or a unique index key) is already taken. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
}
