import { AUDIENCE_OF, NotificationKind, TemplateLanguage } from './notification-kind';
import { NotificationRequestedData, NotificationVars } from './notification-events';
import { notificationIdFor } from './notification-id';

/** An event from the global feed, as the outbox sees it. */
export interface TriggeringEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  /** Who caused it (metadata.actor). */
  actor: { id: string; role: string };
  occurredAt: string;
}

/** A staff account a notification may go to. */
export interface StaffContact {
  email: string;
  name: string;
}

/** What the rule needs beyond the event: the ticket as of that event, and the staff it names. */
export interface NotificationFacts {
  ticket: {
    id: string;
    number: string;
    subject: string;
    customer: { name: string; email: string; timezone: string; language: string };
    priority: string;
    /** The assignee once the event is applied. */
    assigneeId: string | null;
    /** The satisfaction offer recorded with the resolution (TicketResolved), if any. */
    satisfactionOffer?: { offerId: string; changeableUntil: string } | null;
  };
  /** Accounts of the agents `staffNamedBy` listed; null where none (or no address) is known. */
  staff: Record<string, StaffContact | null>;
}

/** Business zone, for times shown to agents. */
const STAFF_TIME_ZONE = 'Asia/Karachi';

/** A notice an automation rule asked for (RuleFired.data.notify), as the rule filled it in. */
interface RuleNotice {
  /** `agent:<agentId>` (a staff member), `assignee` (the assignee as of the firing), or an email address. */
  to: string;
  subject: string;
  body: string;
}

const AGENT_RECIPIENT = 'agent:';

/** The notices of a rule firing that did its work; a firing the loop bound stopped asks for none. */
function ruleNotices(data: Record<string, unknown>): RuleNotice[] {
  if (data.outcome !== 'applied' || !Array.isArray(data.notify)) return [];
  return data.notify.filter((n): n is RuleNotice => typeof n?.to === 'string' && typeof n.subject === 'string' && typeof n.body === 'string');
}

/** Whom a rule's notice goes to: a staff member (their account's address), an address as given, or nobody. */
function noticeRecipient(to: string, assigneeId: string | null): { agentId: string } | { address: string } | null {
  if (to === 'assignee') return assigneeId ? { agentId: assigneeId } : null;
  if (to.startsWith(AGENT_RECIPIENT)) return { agentId: to.slice(AGENT_RECIPIENT.length) };
  return { address: to };
}

/** The agents whose addresses `notificationsFor` will need for this event. */
export function staffNamedBy(event: Pick<TriggeringEvent, 'type' | 'data'>, assigneeId: string | null): string[] {
  if (event.type === 'TicketAssigned') return [String(event.data.agentId)];
  if (event.type === 'SlaWarningIssued' && assigneeId) return [assigneeId];
  if (event.type === 'RuleFired') {
    const agents = ruleNotices(event.data).map((n) => noticeRecipient(n.to, assigneeId)).flatMap((r) => (r && 'agentId' in r ? [r.agentId] : []));
    return [...new Set(agents)];
  }
  return [];
}

/**
 * Which notifications a ticket event calls for (pure). Customer-facing: the acknowledgement of
 * a new request with its number, a public reply by an agent, waiting on the customer, resolved
 * (please confirm), closed. Agent-facing: a ticket assigned to you (unless you took it
 * yourself), an SLA warning on a ticket you hold, each notice an automation rule asked for when it
 * fired (to a staff member, or to an address as the rule gives it). Internal notes and the
 * customer's own words never notify anyone.
 */
export function notificationsFor(event: TriggeringEvent, facts: NotificationFacts): NotificationRequestedData[] {
  const { ticket } = facts;
  const customer = ticket.customer;
  const base = { ticketSubject: ticket.subject, customerName: customer.name };
  const toCustomer = (kind: NotificationKind, vars: Partial<NotificationVars> = {}) =>
    request(event, ticket, kind, customer.email, customer.language === 'ur' ? 'ur' : 'en', customer.timezone, { ...base, recipientName: customer.name, ...vars });
  const toAgent = (kind: NotificationKind, agentId: string, vars: Partial<NotificationVars> = {}) => {
    const contact = facts.staff[agentId];
    return contact ? request(event, ticket, kind, contact.email, 'en', STAFF_TIME_ZONE, { ...base, recipientName: contact.name, ...vars }) : [];
  };

  const d = event.data;
  switch (event.type) {
    case 'TicketSubmitted':
      return toCustomer('acknowledgement');
    case 'CommentAdded':
      return d.visibility === 'public' && d.author === 'agent' ? toCustomer('agent_reply', { body: String(d.body) }) : [];
    case 'WaitingOnCustomer':
      return toCustomer('waiting_on_customer');
    case 'TicketResolved':
      return toCustomer('resolved', {
        resolution: String(d.resolution),
        ...(ticket.satisfactionOffer ? { ratingOfferId: ticket.satisfactionOffer.offerId, ratingChangeableUntil: ticket.satisfactionOffer.changeableUntil } : {}),
      });
    case 'AutoCloseReminded':
      return toCustomer('auto_close_reminder', { closesAt: String(d.closesAt) });
    case 'TicketClosed':
      return toCustomer('closed', { closeReason: d.reason as NotificationVars['closeReason'] });
    case 'TicketAssigned': {
      const agentId = String(d.agentId);
      if (event.actor.id === agentId) return []; // took it themselves
      return toAgent('assigned', agentId, { priority: ticket.priority, ...(d.reason ? { assignmentReason: String(d.reason) } : {}) });
    }
    case 'SlaWarningIssued':
      if (!ticket.assigneeId) return [];
      return toAgent('sla_warning', ticket.assigneeId, {
        slaTarget: String(d.target),
        dueAt: String(d.dueAt),
        elapsedBusinessMinutes: Number(d.elapsedBusinessMinutes),
        targetBusinessMinutes: Number(d.targetBusinessMinutes),
      });
    case 'RuleFired': {
      // The notification's id is the event's and the recipient's: one notice per recipient and firing, the first.
      const seen = new Set<string>();
      return ruleNotices(d).flatMap((notice) => {
        const vars = { ruleName: String(d.ruleName), noticeSubject: notice.subject, body: notice.body };
        const to = noticeRecipient(notice.to, ticket.assigneeId);
        const requests = !to
          ? []
          : 'agentId' in to
            ? toAgent('rule_notice', to.agentId, vars)
            : request(event, ticket, 'rule_notice', to.address, 'en', STAFF_TIME_ZONE, { ...base, recipientName: '', ...vars });
        return requests.filter((r) => {
          if (seen.has(r.recipient)) return false;
          seen.add(r.recipient);
          return true;
        });
      });
    }
    default:
      return [];
  }
}

function request(
  event: TriggeringEvent,
  ticket: NotificationFacts['ticket'],
  kind: NotificationKind,
  email: string,
  language: TemplateLanguage,
  timeZone: string,
  vars: NotificationVars,
): NotificationRequestedData[] {
  const recipient = email.trim().toLowerCase();
  if (!recipient.includes('@')) return [];
  return [
    {
      notificationId: notificationIdFor(event.id, recipient, 'email'),
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      kind,
      audience: AUDIENCE_OF[kind],
      channel: 'email',
      recipient,
      language,
      timeZone,
      triggeredBy: event.id,
      triggerType: event.type,
      vars,
    },
  ];
}
