import { toTicketEvent } from '@helpdesk/application';
import { EventStore } from '@helpdesk/event-store';
import { TicketFacts } from '@helpdesk/mail';
import { ReadModels } from '@helpdesk/projection-engine';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { fold, TICKET_NUMBER_PATTERN, ticketStreamId } from '@helpdesk/ticketing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What threading needs of a ticket, from the ticket's own stream (strongly consistent). A
 * number is resolved through the `tickets` read model, the only place numbers are indexed:
 * eventually consistent, so a reply by number to a ticket submitted a moment ago may not find
 * it yet (it then starts a new ticket; our Message-IDs in replies do not depend on this).
 */
export class TicketFactsReader {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  async byId(ticketId: string): Promise<TicketFacts | null> {
    if (!UUID.test(ticketId)) return null;
    const ticket = fold((await this.store.readStream(ticketStreamId(ticketId.toLowerCase()))).map(toTicketEvent));
    return ticket ? { ticketId: ticket.id, number: ticket.number, customerEmail: ticket.customer.email.toLowerCase(), status: ticket.status } : null;
  }

  async byNumber(number: string): Promise<TicketFacts | null> {
    if (!TICKET_NUMBER_PATTERN.test(number)) return null;
    const view = await (await this.readModels.collection<TicketView>(TICKETS)).findOne({ number });
    return view ? this.byId(view._id) : null;
  }

  /** A ticket named by its id or its number. */
  async find(idOrNumber: string): Promise<TicketFacts | null> {
    return TICKET_NUMBER_PATTERN.test(idOrNumber) ? this.byNumber(idOrNumber) : this.byId(idOrNumber);
  }
}
