import { CurrentRevision, ExpectedRevision } from './expected-revision';

/** Another writer appended to the stream first: the caller's decision was based on stale state. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`Stream ${streamId} is at revision ${String(actual)}, expected ${String(expected)}`);
  }
}

/** The store could not be reached or refused to write (full disk, read-only file, lost server). */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

/** An event id the store already holds: appends are refused whole. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly streamId: string) {
    super(`An event appended to ${streamId} has an id the store already holds`);
  }
}
