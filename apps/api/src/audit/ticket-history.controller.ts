import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { historyEntry, stateAt, toTicketEvent, verifyTicket } from '@helpdesk/application';
import { EVENT_STORE, EventStore, linkOf } from '@helpdesk/event-store';
import { canReach, fold, notFound, ticketStreamId } from '@helpdesk/ticketing';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { reachOf } from '../queries/ticket-access';
import { problem } from '../http/problem';
import { TicketIdPipe } from '../tickets/ticket-id.pipe';
import { HistoryQuery, StateQuery, VerifyQuery } from './dto/audit-queries';
import { STORED_EVENT_STORE } from '../privacy/private-event-store.factory';

/** For auditors: a ticket's history replayed from the event store itself, not from a projection. */
@ApiTags('audit')
@Controller()
export class TicketHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORED_EVENT_STORE) private readonly stored: EventStore,
  ) {}

  @Get('tickets/:id/history') @Allow('tickets.history')
  @ApiOperation({ summary: 'Every event of the ticket with actor, time, revision, position, its hash-chain link (prev, hash) and a sentence in English or Urdu' })
  async history(@CurrentPrincipal() principal: Principal, @Param('id', TicketIdPipe) id: string, @Query() q: HistoryQuery) {
    const events = await this.events(id, principal);
    return { ticketId: id, items: events.map((e) => ({ ...historyEntry(e, q.lang), chain: linkOf(e.metadata) ?? null })) };
  }

  @Get('tickets/:id/state') @Allow('tickets.state')
  @ApiOperation({ summary: 'The ticket as it stood at an instant (?at=) or right after a revision (?revision=), folded by the domain code' })
  async state(@CurrentPrincipal() principal: Principal, @Param('id', TicketIdPipe) id: string, @Query() q: StateQuery) {
    if ((q.at === undefined) === (q.revision === undefined)) {
      throw problem(400, 'validation-failed', 'Invalid request', 'Give exactly one of at (an ISO-8601 instant) or revision.');
    }
    const events = await this.events(id, principal);
    const point = q.at !== undefined ? { at: new Date(q.at) } : { revision: q.revision! };
    const { state, revision } = stateAt(events, point);
    if (!state) throw problem(404, 'not-yet-submitted', 'The ticket did not exist yet', `Ticket ${id} was submitted after that point.`);
    return { ticketId: id, ...(q.at !== undefined ? { at: new Date(q.at).toISOString() } : {}), revision, state };
  }

  @Get('audit/verify') @Allow('audit.verify')
  @ApiOperation({ summary: 'Recomputes the ticket’s hash chain and names the first broken link' })
  async verify(@CurrentPrincipal() principal: Principal, @Query() q: VerifyQuery) {
    const id = q.ticket.toLowerCase();
    await this.events(id, principal);
    // The chain covers what is stored: personal fields as sealed, not as read.
    return verifyTicket(id, await this.stored.readStream(ticketStreamId(id)));
  }

  /** The ticket's stored events; a ticket out of the principal's reach is answered like an unknown one. */
  private async events(id: string, principal: Principal) {
    const events = await this.store.readStream(ticketStreamId(id));
    const ticket = fold(events.map(toTicketEvent));
    if (!ticket || !canReach(reachOf(principal), ticket)) throw notFound(id);
    return events;
  }
}
