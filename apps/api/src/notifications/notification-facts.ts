import { UserDirectory, toTicketEvent } from '@helpdesk/application';
import { EventStore, StoredEvent } from '@helpdesk/event-store';
import { NotificationFacts, StaffContact, staffNamedBy } from '@helpdesk/notifications';
import { agentStreamId, AgentEvent, foldAgent } from '@helpdesk/routing';
import { fold, Ticket, TICKET_STREAM_PREFIX } from '@helpdesk/ticketing';

/**
 * What the outbox needs to know about a ticket event, read from the event store itself: the
 * ticket as it stood right after the event (its stream up to that revision, so a redelivery
 * sees the same facts), and the accounts of the agents it names (agent ids are user ids; the
 * roster's address is the fallback for an agent with no account).
 */
export class NotificationFactsSource {
  constructor(
    private readonly store: EventStore,
    private readonly users: UserDirectory,
  ) {}

  async forTicketEvent(stored: StoredEvent): Promise<NotificationFacts | null> {
    // A resolution and its satisfaction offer are appended together: the resolution mail carries the offer.
    const through = stored.type === 'TicketResolved' ? stored.revision + 2 : stored.revision + 1;
    const events = (await this.store.readStream(stored.streamId, { maxCount: through })).filter((e, i) => i <= stored.revision || e.type === 'SatisfactionOffered');
    const ticket = fold(events.map(toTicketEvent)) as Ticket | null;
    if (!ticket) return null;
    const subject = String((events[0].data as { subject?: string }).subject ?? '');
    const staff: Record<string, StaffContact | null> = {};
    for (const agentId of staffNamedBy(stored, ticket.assigneeId)) staff[agentId] = await this.contact(agentId);
    return {
      ticket: { id: stored.streamId.slice(TICKET_STREAM_PREFIX.length), number: ticket.number, subject, customer: ticket.customer, priority: ticket.priority, assigneeId: ticket.assigneeId,
        ...(stored.type === 'TicketResolved' && ticket.satisfaction ? { satisfactionOffer: { offerId: ticket.satisfaction.offerId, changeableUntil: ticket.satisfaction.changeableUntil } } : {}) },
      staff,
    };
  }

  private async contact(agentId: string): Promise<StaffContact | null> {
    const account = await this.users.get(agentId);
    if (account) return account.user.active ? { email: account.user.email, name: account.user.name } : null;
    const roster = await this.store.readStream(agentStreamId(agentId));
    const agent = foldAgent(roster.map((e) => ({ type: e.type, data: e.data }) as AgentEvent));
    return agent?.active && agent.email ? { email: agent.email, name: agent.name } : null;
  }
}
