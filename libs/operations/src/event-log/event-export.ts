import { once } from 'node:events';
import { Writable } from 'node:stream';
import { EventStore, Position, START } from '@helpdesk/event-store';
import { toEventLine } from './event-line';
import { globalFeed } from './global-feed';

/** Writes the whole global feed as NDJSON, one event per line, in order. */
export async function exportEvents(store: EventStore, out: Writable): Promise<{ events: number; lastPosition: Position }> {
  let events = 0;
  let lastPosition = START;
  for await (const event of globalFeed(store)) {
    if (!out.write(`${toEventLine(event)}\n`)) await once(out, 'drain');
    events++;
    lastPosition = event.position;
  }
  return { events, lastPosition };
}
