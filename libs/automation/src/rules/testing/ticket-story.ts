import { Actor, Category, Channel, Customer, decide, DatedTicketEvent, evolve, Ticket, TicketCommand, TicketState } from '@helpdesk/ticketing';
import { BacktestEvent } from '../backtest-rule';
import { RuleContent } from '../rule';
import { Rule } from '../rule-state';

/** Karachi local time (PKT, UTC+5, no DST): `pk('2026-01-05 09:00')`; 2026-01-05 is a Monday. */
export const pk = (local: string) => new Date(`${local.replace(' ', 'T')}:00+05:00`);
export const pkIso = (local: string) => pk(local).toISOString();

export const ayesha: Customer = { name: 'Ayesha Khan', email: 'ayesha@mail.example.pk', timezone: 'Asia/Karachi', language: 'en' };
export const ali: Actor = { id: 'agent-ali', role: 'agent' };
export const supervisor: Actor = { id: 'sup-sana', role: 'supervisor' };
export const system: Actor = { id: 'system', role: 'system' };

/** A rule as the decider would have stored it (content already valid), enabled unless said otherwise. */
export const aRule = (id: string, content: Partial<RuleContent>, extra: Partial<Omit<Rule, 'content'>> = {}): Rule => ({
  id,
  version: 1,
  enabled: true,
  order: 10,
  ...extra,
  content: { name: `Rule ${id}`, description: null, events: ['TicketSubmitted'], schedule: null, conditions: [], actions: [{ type: 'set_priority', priority: 'high' }], ...content },
});

/**
 * One ticket's history, written through the real ticket decider: each step decides a command at a
 * Karachi instant and records the events it gives, dated and with ids, as the feed would hold them.
 */
export class TicketStory {
  readonly events: BacktestEvent[] = [];
  state: TicketState = null;
  private readonly customerActor: Actor = { id: 'cust-ayesha', role: 'customer' };

  constructor(
    readonly ticketId = 't1',
    readonly number = 'HD-000001',
  ) {}

  get ticket(): Ticket {
    if (!this.state) throw new Error('the ticket has not been submitted');
    return this.state;
  }

  run(local: string, command: TicketCommand, actor: Actor, email = this.state?.customer.email): this {
    const now = pk(local);
    for (const event of decide(command, this.state, { actor, scope: { email }, now, autoCloseAfterDays: 7 })) {
      const dated = { ...event, occurredAt: now.toISOString() } as DatedTicketEvent;
      this.state = evolve(this.state, dated);
      this.events.push({ id: `${this.ticketId}-e${this.events.length + 1}`, ticketId: this.ticketId, type: event.type, data: event.data as unknown as Record<string, unknown>, occurredAt: dated.occurredAt });
    }
    return this;
  }

  submitted(local: string, details: { subject?: string; description?: string; channel?: Channel; category?: Category; customer?: Partial<Customer> } = {}): this {
    const customer = { ...ayesha, ...details.customer };
    const channel = details.channel ?? 'web';
    const actor = channel === 'web' || channel === 'api' ? this.customerActor : system;
    const data = { ticketId: this.ticketId, number: this.number, subject: details.subject ?? 'Cannot sign in', description: details.description ?? 'The login page says my password is wrong', channel, customer, category: details.category };
    return this.run(local, { type: 'SubmitTicket', data }, actor, customer.email);
  }

  assigned(local: string, agentId = ali.id): this {
    return this.run(local, { type: 'AssignTicket', data: { agentId } }, supervisor);
  }
  started(local: string): this {
    return this.run(local, { type: 'StartWork', data: {} }, { id: this.ticket.assigneeId!, role: 'agent' });
  }
  waiting(local: string): this {
    return this.run(local, { type: 'WaitOnCustomer', data: {} }, { id: this.ticket.assigneeId!, role: 'agent' });
  }
  customerWrote(local: string, body: string): this {
    return this.run(local, { type: 'AddComment', data: { commentId: `c-${this.events.length + 1}`, body, visibility: 'public' } }, this.customerActor);
  }
  agentWrote(local: string, body: string, visibility: 'public' | 'internal' = 'public'): this {
    return this.run(local, { type: 'AddComment', data: { commentId: `c-${this.events.length + 1}`, body, visibility } }, { id: this.ticket.assigneeId ?? ali.id, role: 'agent' });
  }
  prioritized(local: string, priority: 'low' | 'medium' | 'high'): this {
    return this.run(local, { type: 'PrioritizeTicket', data: { priority } }, supervisor);
  }
  tagged(local: string, ...add: string[]): this {
    return this.run(local, { type: 'TagTicket', data: { add } }, supervisor);
  }
  resolved(local: string): this {
    return this.run(local, { type: 'ResolveTicket', data: { resolution: 'Password reset' } }, { id: this.ticket.assigneeId!, role: 'agent' });
  }
  confirmed(local: string): this {
    return this.run(local, { type: 'ConfirmResolution', data: {} }, this.customerActor);
  }
  reopened(local: string): this {
    return this.run(local, { type: 'ReopenTicket', data: { reason: 'It broke again' } }, this.customerActor);
  }
  closed(local: string): this {
    return this.run(local, { type: 'CloseTicket', data: {} }, supervisor);
  }
}

export const story = (ticketId?: string, number?: string) => new TicketStory(ticketId, number);

/** Several tickets' events in feed order (by time, then as each story recorded them). */
export const feedOf = (...stories: TicketStory[]): BacktestEvent[] =>
  stories.flatMap((s, si) => s.events.map((e, i) => ({ e, si, i }))).sort((a, b) => (a.e.occurredAt < b.e.occurredAt ? -1 : a.e.occurredAt > b.e.occurredAt ? 1 : a.si - b.si || a.i - b.i)).map(({ e }) => e);
