import { StoredEvent } from '@helpdesk/event-store';
import { SlaFact, SlaRecorded, SlaTargetName } from '@helpdesk/sla';
import { Category, Priority } from '@helpdesk/ticketing';

/** One ticket event as what the SLA clock needs to know, or null when it does not affect it. */
export function slaFactOf(type: string, data: Record<string, unknown>, occurredAt: string, priority: Priority, category: Category): SlaFact | null {
  const at = new Date(occurredAt);
  switch (type) {
    case 'TicketSubmitted':
      return { type: 'submitted', at, priority, category };
    case 'CommentAdded':
      return data.visibility === 'public' && data.author === 'agent' ? { type: 'first_public_agent_reply', at } : null;
    case 'WaitingOnCustomer':
      return { type: 'waiting_on_customer', at };
    case 'WorkResumed':
      return { type: data.reason === 'customer_replied' ? 'customer_replied' : 'work_resumed', at };
    case 'TicketResolved':
      return { type: 'resolved', at };
    case 'TicketReopened':
      return { type: 'reopened', at };
    case 'TicketClosed':
      return { type: 'closed', at };
    case 'TicketPrioritized':
    case 'TicketCategorized':
      return { type: 'reprioritized', at, priority, category };
    default:
      return null;
  }
}

/** A ticket stream read for the SLA watch: the clock's facts and the SLA events already recorded. */
export function slaHistoryOf(events: StoredEvent[]): { facts: SlaFact[]; recorded: SlaRecorded; open: boolean } {
  const facts: SlaFact[] = [];
  const warned = new Set<SlaTargetName>();
  const breached = new Set<SlaTargetName>();
  let priority: Priority = 'medium';
  let category: Category = 'general';
  let open = false;
  for (const e of events) {
    const d = e.data;
    if (e.type === 'TicketSubmitted') ({ priority, category } = d as { priority: Priority; category: Category });
    if (e.type === 'TicketPrioritized') priority = d.priority as Priority;
    if (e.type === 'TicketCategorized') category = d.category as Category;
    if (e.type === 'SlaWarningIssued') warned.add(d.target as SlaTargetName);
    if (e.type === 'SlaBreached') breached.add(d.target as SlaTargetName);
    if (e.type === 'TicketSubmitted' || e.type === 'TicketReopened') open = true;
    if (e.type === 'TicketResolved' || e.type === 'TicketClosed') open = false;
    const fact = slaFactOf(e.type, d, (e.metadata.occurredAt as string | undefined) ?? e.recordedAt.toISOString(), priority, category);
    if (fact) facts.push(fact);
  }
  return { facts, recorded: { warned, breached }, open };
}
