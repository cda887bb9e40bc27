/**
 * What the writer believes about a stream when it appends, as in EventStoreDB:
 * a revision number (the revision of the stream's last event, starting at 0),
 * 'no_stream' (the stream must not exist), 'stream_exists', or 'any'.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** The current revision of a stream as the store reports it: the last event's revision, or 'no_stream'. */
export type CurrentRevision = number | 'no_stream';

export function revisionMatches(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}
