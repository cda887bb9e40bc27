import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { StoredEvent } from '@helpdesk/event-store';
import { parseEventLine } from './event-line';

/** Events from an NDJSON stream, one per non-empty line, checked as they come. */
export async function* eventsFromNdjson(input: Readable): AsyncGenerator<StoredEvent> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    yield parseEventLine(line, lineNumber);
  }
}
