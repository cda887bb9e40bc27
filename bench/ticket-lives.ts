import {
  Actor,
  ActorScope,
  CATEGORIES,
  Category,
  CHANNELS,
  DatedTicketEvent,
  decide,
  fold,
  formatTicketNumber,
  Language,
  PRIORITIES,
  TicketCommand,
  TicketEvent,
  TicketState,
} from '@helpdesk/ticketing';

/**
 * Deterministic, realistic ticket lives for seeding benchmarks: every command goes through the
 * real decider, so the events have exactly the shapes (and rules) production produces.
 */

export interface Step {
  actor: Actor;
  /** What of the actor's account decides which tickets they reach. */
  scope: ActorScope;
  at: Date;
  command: TicketCommand;
}

export interface DecidedStep {
  actor: Actor;
  occurredAt: string;
  events: TicketEvent[];
}

export interface TicketLife {
  ticketId: string;
  number: string;
  steps: DecidedStep[];
}

export interface LifeOptions {
  /** How many tickets the whole history holds (spreads submission times evenly). */
  total: number;
  /** Share of tickets still open at the end (the rest resolved or closed). */
  openShare: number;
  /** Agents tickets are assigned to. */
  agents: number;
  /** Distinct customers. */
  customers: number;
  /** Submission times run from `end - spanDays` to `end`. */
  end: Date;
  spanDays: number;
}

export const DEFAULT_LIFE: Omit<LifeOptions, 'total'> = {
  openShare: 0.1,
  agents: 200,
  customers: 50_000,
  end: new Date('2026-01-05T04:00:00.000Z'),
  spanDays: 730,
};

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
function hex(r: () => number, n: number): string {
  let out = '';
  while (out.length < n) out += Math.floor(r() * 4294967296).toString(16).padStart(8, '0');
  return out.slice(0, n);
}

/** A UUID (v4 layout) derived from the ticket index, so runs are reproducible. */
export function ticketUuid(i: number): string {
  const r = rng(i * 2654435761 + 1);
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
}

export const agentId = (n: number) => `agent-${n}`;
export const customerEmail = (n: number) => `customer${n}@example.com`;
// Customers submit through the web or the API only (phone and email tickets are recorded by staff and the mail channel).
const CUSTOMER_CHANNELS = CHANNELS.filter((c) => c === 'web' || c === 'api');
const LANGUAGE_BY_SHARE: Language[] = ['en', 'en', 'en', 'en', 'en', 'en', 'ur', 'ur', 'ur', 'other'];
const CATEGORY_BY_SHARE: Category[] = ['emergency', 'alert', 'alert', 'question', 'question', 'question', 'incident', 'incident', 'incident', 'feature_request', 'general', 'general'];
type Target = 'new' | 'assigned' | 'in_progress' | 'waiting_on_customer' | 'resolved' | 'closed';

/** The commands of ticket `i`'s life, in order. */
export function ticketSteps(i: number, options: LifeOptions): { ticketId: string; number: string; steps: Step[] } {
  const r = rng(i + 1);
  const ticketId = ticketUuid(i);
  const number = formatTicketNumber(i + 1);
  const open = r() < options.openShare;
  const target: Target = open
    ? pick(r, ['new', 'new', 'assigned', 'in_progress', 'in_progress', 'in_progress', 'waiting_on_customer', 'waiting_on_customer'] as const)
    : r() < 0.05
      ? 'resolved'
      : 'closed';
  const customerN = Math.floor(r() * options.customers);
  const customerActor: Actor = { id: `cust-${customerN}`, role: 'customer' };
  const agent: Actor = { id: agentId(Math.floor(r() * options.agents)), role: 'agent' };
  const supervisor: Actor = { id: `sup-${customerN % 7}`, role: 'supervisor' };
  const spanMs = options.spanDays * 86_400_000;
  let at = options.end.getTime() - spanMs + (spanMs * i) / Math.max(1, options.total) + r() * 3_600_000;
  const steps: Step[] = [];
  const add = (actor: Actor, command: Step['command'], gapMinutes = 5 + r() * 240) => {
    at += gapMinutes * 60_000;
    steps.push({ actor, scope: actor.role === 'customer' ? { email: customerEmail(customerN) } : {}, at: new Date(at), command });
  };
  const comment = (actor: Actor, visibility: 'public' | 'internal', body: string) =>
    add(actor, { type: 'AddComment', data: { commentId: `${ticketId.slice(0, 8)}-c${steps.length}`, body, visibility } });

  const category = pick(r, CATEGORY_BY_SHARE);
  add(customerActor, {
    type: 'SubmitTicket',
    data: {
      ticketId,
      number,
      subject: `Ticket ${i}: cannot complete ${pick(r, ['sign-in', 'payment', 'upload', 'export', 'booking'])} on the ${pick(r, ['portal', 'mobile app', 'API'])}`,
      description: `Since this morning the ${pick(r, ['portal', 'app'])} answers with an error when I try again. I have cleared the cache and tried another browser. Reference ${hex(r, 10)}.`,
      channel: pick(r, CUSTOMER_CHANNELS),
      customer: {
        name: `Customer ${customerN}`,
        email: customerEmail(customerN),
        timezone: pick(r, ['Asia/Karachi', 'Europe/London', 'America/New_York', 'Asia/Dubai']),
        language: LANGUAGE_BY_SHARE[customerN % LANGUAGE_BY_SHARE.length],
      },
      category,
      errorMessages: r() < 0.5 ? [`E${100 + Math.floor(r() * 800)}: request failed`] : [],
      ...(r() < 0.3 ? { stepsToReproduce: '1. Open the page 2. Submit the form 3. See the error' } : {}),
      ...(r() < 0.2 ? { impact: 'Blocks the whole team' } : {}),
    },
  }, 0);
  if (target === 'new') return { ticketId, number, steps };

  add(supervisor, { type: 'AssignTicket', data: { agentId: agent.id } });
  if (r() < 0.3) add(agent, { type: 'AcknowledgeAssignment', data: {} });
  if (r() < 0.2) {
    const current = category === 'emergency' ? 'high' : 'medium';
    add(agent, { type: 'PrioritizeTicket', data: { priority: pick(r, PRIORITIES.filter((p) => p !== current)) } });
  }
  if (r() < 0.05) add(agent, { type: 'CategorizeTicket', data: { category: pick(r, CATEGORIES.filter((c) => c !== category)) } });
  if (target === 'assigned') return { ticketId, number, steps };

  add(agent, { type: 'StartWork', data: {} });
  comment(agent, 'public', 'Thanks for the report, we are looking into it now.');
  if (r() < 0.3) comment(agent, 'internal', 'Looks like the session store again; checking the logs.');
  if (target === 'in_progress') return { ticketId, number, steps };

  if (target === 'waiting_on_customer' || r() < 0.4) {
    add(agent, { type: 'WaitOnCustomer', data: { note: 'Asked for a screenshot' } });
    if (target === 'waiting_on_customer') return { ticketId, number, steps };
    comment(customerActor, 'public', 'Here is the screenshot you asked for.');
  }
  add(agent, { type: 'ResolveTicket', data: { resolution: 'Cleared the stale session; please sign in again.' } });
  if (r() < 0.15) {
    add(customerActor, { type: 'RejectResolution', data: { reason: 'Still failing on mobile' } });
    add(agent, { type: 'ResolveTicket', data: { resolution: 'Mobile app cache cleared as well.' } });
  }
  if (target === 'resolved') return { ticketId, number, steps };
  add(customerActor, { type: 'ConfirmResolution', data: {} });
  add(agent, { type: 'CloseTicket', data: {} });
  return { ticketId, number, steps };
}

/** Ticket `i`'s life decided by the real decider: the events each command appends. */
export function ticketLife(i: number, options: LifeOptions): TicketLife {
  const { ticketId, number, steps } = ticketSteps(i, options);
  let state: TicketState = null;
  const decided: DecidedStep[] = [];
  for (const step of steps) {
    const occurredAt = step.at.toISOString();
    const events = decide(step.command, state, { actor: step.actor, scope: step.scope, now: step.at, autoCloseAfterDays: 7 });
    state = fold(events.map((e) => ({ ...e, occurredAt }) as DatedTicketEvent), state);
    decided.push({ actor: step.actor, occurredAt, events });
  }
  return { ticketId, number, steps: decided };
}
