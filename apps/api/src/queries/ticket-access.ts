import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { QueueItem, TICKETS, TicketView } from '@helpdesk/projections';
import { canReach, notFound, TICKET_NUMBER_PATTERN, TicketReach, ticketReach } from '@helpdesk/ticketing';
import { actorOf, Principal, scopeOf } from '../auth/principal';
import { presentSatisfaction } from '../satisfaction/present-satisfaction';
import { present } from './present';

/**
 * Ticket visibility on the read side, in one place: which tickets a principal reaches (the
 * domain's TicketReach as a read-store filter), and what of a ticket they see (customers never
 * internal notes; analysts without a PII grant no customer identity and no free text).
 */
export function reachOf(principal: Principal): TicketReach {
  return ticketReach(actorOf(principal), scopeOf(principal));
}

/** The filter that keeps exactly the tickets `reach` allows; null when it allows none. */
export function reachFilter(reach: TicketReach): Filter | null {
  switch (reach.kind) {
    case 'all':
      return {};
    case 'none':
      return null;
    case 'customer':
      return { 'customer.email': reach.email };
    case 'agent':
      return { $or: [{ assigneeId: reach.agentId }, { team: null }, ...(reach.teams.length ? [{ team: { $in: [...reach.teams] } }] : [])] };
  }
}

/** `filter` narrowed to what the principal reaches; null when nothing can match. */
export function withinReach(principal: Principal, filter: Filter): Filter | null {
  const reach = reachFilter(reachOf(principal));
  if (reach === null) return null;
  if (Object.keys(reach).length === 0) return filter;
  return Object.keys(filter).length === 0 ? reach : { $and: [filter, reach] };
}

export function canRead(principal: Principal, view: TicketView): boolean {
  return canReach(reachOf(principal), view);
}

/** A ticket id as the API shows them (a UUID). */
export const TICKET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ticket by id or number (HD-000123); out of reach is answered exactly like unknown, so ids are never confirmed. */
export async function readableTicket(readModels: ReadModels, principal: Principal, id: string): Promise<TicketView> {
  const tickets = await readModels.collection<TicketView>(TICKETS);
  const view = TICKET_ID.test(id) ? await tickets.findOne({ _id: id.toLowerCase() }) : TICKET_NUMBER_PATTERN.test(id) ? await tickets.findOne({ number: id }) : null;
  if (!view || !canRead(principal, view)) throw notFound(id.slice(0, 80));
  return view;
}

/** Analysts see customer PII only with a grant; every other role that reads tickets sees it. */
export const seesPii = (principal: Principal) => principal.role !== 'analyst' || principal.piiAccess;

export const MASKED = '(masked)';
const WITHHELD = '(withheld: may contain personal data)';

/** A ticket as `principal` may see it (`now` decides whether a rating is final yet). */
export function presentTicket(view: TicketView, principal: Principal, now: Date = new Date()) {
  const shown = { ...present(view), tags: view.tags ?? [], satisfaction: presentSatisfaction(view.satisfaction, principal, now) };
  if (principal.role === 'customer') return customerTicket(view, principal, shown.satisfaction);
  if (!seesPii(principal)) {
    return {
      ...shown,
      customer: maskCustomer(view.customer),
      description: WITHHELD,
      stepsToReproduce: view.stepsToReproduce === null ? null : WITHHELD,
      impact: view.impact === null ? null : WITHHELD,
      errorMessages: view.errorMessages.map(() => WITHHELD),
      attachments: withheldNames(view.attachments ?? []),
      comments: view.comments.map((c) => ({ ...c, body: WITHHELD, attachments: withheldNames(c.attachments ?? []) })),
    };
  }
  return shown;
}

export function presentQueueItem(item: QueueItem, principal: Principal) {
  const shown = { ...present(item), tags: item.tags ?? [] };
  return seesPii(principal) ? shown : { ...shown, customer: maskCustomer(item.customer), customerName: MASKED };
}

/** File names may name people; analysts without a PII grant see type and size only. */
function withheldNames<T extends { filename: string }>(attachments: T[]): T[] {
  return attachments.map((a) => ({ ...a, filename: WITHHELD }));
}

function maskCustomer(customer: TicketView['customer']) {
  const domain = customer.email.split('@')[1] ?? '';
  return { ...customer, name: MASKED, email: `${MASKED}@${domain}`, ...(customer.phone ? { phone: MASKED } : {}) };
}

/**
 * A ticket as its customer sees it: listed fields only, so what the read model gains for staff
 * (assignee, team, routing, SLA internals) never reaches a customer by default. Public comments
 * only; staff are named as "staff", never by account.
 */
function customerTicket(view: TicketView, principal: Principal, satisfaction: unknown) {
  const shown = { ...view, id: view._id };
  const by = (actorId: string) => (actorId === principal.id ? actorId : 'staff');
  const files = (list: TicketView['attachments'] | undefined) => (list ?? []).map((a) => ({ ...a, actorId: by(a.actorId) }));
  const comments = (shown.comments ?? [])
    .filter((c) => c.visibility === 'public')
    .map((c) => ({ id: c.id, body: c.body, visibility: c.visibility, author: c.author, actorId: by(c.actorId), at: c.at, attachments: files(c.attachments) }));
  const target = (t: { status: string; dueAt: string | null; metAt: string | null } | undefined) => (t ? { status: t.status, dueAt: t.dueAt, metAt: t.metAt } : null);
  const sla = shown.sla ? { firstResponse: target(shown.sla.firstResponse), resolution: target(shown.sla.resolution) } : null;
  return {
    id: shown.id,
    number: shown.number,
    subject: shown.subject,
    description: shown.description,
    errorMessages: shown.errorMessages,
    stepsToReproduce: shown.stepsToReproduce,
    impact: shown.impact,
    channel: shown.channel,
    category: shown.category,
    priority: shown.priority,
    status: shown.status,
    open: shown.open,
    customer: shown.customer,
    submittedAt: shown.submittedAt,
    updatedAt: shown.updatedAt,
    firstResponseAt: shown.firstResponseAt,
    resolvedAt: shown.resolvedAt,
    confirmedAt: shown.confirmedAt,
    closedAt: shown.closedAt,
    resolution: shown.resolution,
    sla,
    attachments: files(shown.attachments),
    comments,
    commentCount: comments.length,
    reopenCount: shown.reopenCount,
    revision: shown.revision,
    ...(satisfaction !== undefined ? { satisfaction } : {}),
  };
}
