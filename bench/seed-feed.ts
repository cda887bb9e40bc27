import { randomUUID } from 'node:crypto';
import { toEventsToAppend } from '@helpdesk/application';
import { EventStore } from '@helpdesk/event-store';
import { ticketStreamId } from '@helpdesk/ticketing';
import { DEFAULT_LIFE, ticketLife, TicketLife } from './ticket-lives';

export interface SeededFeed {
  events: number;
  appends: number;
  tickets: number;
}

/**
 * Fills an event store with about `targetEvents` ticket events, one append per command (as the
 * command runner appends them), with `window` tickets in flight at once so the global feed
 * interleaves tickets the way a busy helpdesk does.
 */
export async function seedFeed(store: EventStore, targetEvents: number, window = 500): Promise<SeededFeed> {
  // Lives average 8-10 events; `total` only spreads submission times, so an estimate is enough.
  const options = { ...DEFAULT_LIFE, total: Math.ceil(targetEvents / 8) };
  const inFlight: Array<{ life: TicketLife; next: number }> = [];
  let tickets = 0;
  let events = 0;
  let appends = 0;
  while (inFlight.length < Math.min(window, options.total)) inFlight.push({ life: ticketLife(tickets++, options), next: 0 });
  let slot = 0;
  while (inFlight.length > 0) {
    slot = slot % inFlight.length;
    const ticket = inFlight[slot];
    const step = ticket.life.steps[ticket.next];
    const toAppend = toEventsToAppend(step.events, {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: step.actor,
      occurredAt: step.occurredAt,
    });
    await store.append(ticketStreamId(ticket.life.ticketId), toAppend, ticket.next === 0 ? 'no_stream' : revisionBefore(ticket.life, ticket.next));
    events += toAppend.length;
    appends++;
    ticket.next++;
    if (ticket.next >= ticket.life.steps.length) {
      inFlight.splice(slot, 1);
      if (events < targetEvents) inFlight.splice(slot, 0, { life: ticketLife(tickets++, options), next: 0 });
    } else {
      slot++;
    }
  }
  return { events, appends, tickets };
}

/** Revision of the stream's last event before step `next` (events so far minus one). */
function revisionBefore(life: TicketLife, next: number): number {
  let count = 0;
  for (let k = 0; k < next; k++) count += life.steps[k].events.length;
  return count - 1;
}
