import { historyEntry, HistoryLanguage, stateAt } from '@helpdesk/application';
import { TICKETS } from '@helpdesk/projections';
import { ticketStreamId, TICKET_NUMBER_PATTERN } from '@helpdesk/ticketing';
import { physicalName, ProjectionRegistry } from '@helpdesk/projection-engine';
import { CliContext, openCliContext } from './cli-context';

/** `replay <ticket id|number>`: the history step by step, with the ticket's state after each event. */
export async function runReplay(ticket: string | undefined, language: HistoryLanguage): Promise<number> {
  if (!ticket) {
    console.error('replay needs a ticket id or number (HD-000123).');
    return 2;
  }
  const ctx = await openCliContext();
  try {
    const id = TICKET_NUMBER_PATTERN.test(ticket) ? await idOfNumber(ctx, ticket) : ticket.toLowerCase();
    const events = id ? await ctx.events.readStream(ticketStreamId(id)) : [];
    if (events.length === 0) {
      console.error(`No ticket ${ticket}.`);
      return 1;
    }
    for (const event of events) {
      const entry = historyEntry(event, language);
      const { state } = stateAt(events, { revision: event.revision });
      console.log(`#${entry.revision}  ${entry.occurredAt}  position ${entry.position}  ${entry.type}`);
      console.log(`    ${entry.sentence}`);
      console.log(`    → status ${state?.status}, priority ${state?.priority}, category ${state?.category}, assignee ${state?.assigneeId ?? '-'}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

/** Numbers are only known to the read side; ids are what the event store knows. */
async function idOfNumber(ctx: CliContext, number: string): Promise<string | undefined> {
  const record = await new ProjectionRegistry(ctx.store).get(TICKETS);
  const view = await ctx.store.collection(physicalName(TICKETS, record?.active.generation ?? 1)).findOne({ number });
  return view?._id;
}
