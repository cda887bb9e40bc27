import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConcurrencyConflictError, TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore, EventSubscription } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, AgentView, AgentWorkload, QUEUE, QueueItem, WORKLOAD } from '@helpdesk/projections';
import { Agent, route, RoutingStrategy } from '@helpdesk/routing';
import { Collection } from '@helpdesk/read-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Language } from '@helpdesk/ticketing';
import { Settings, SETTINGS } from '../config/settings';
import { ALL_RANKS, pendingAcknowledgements } from './pending-acknowledgements';
import { RoutingCapacity, routingCapacity } from './routing-capacity';

export const ROUTER_ACTOR = { id: 'router', role: 'system' } as const;
const MAX_SLEEP_MS = 30_000;
const BATCH = 100;
/** Roster members read per pass: the roster is bounded by the people on it, not by the tickets. */
const MAX_ROSTER = 10_000;
/** Events after which someone may now be routable: new or reopened tickets, agents coming free or online. */
const TRIGGERS = new Set(['TicketSubmitted', 'TicketReopened', 'TicketTeamChanged', 'RuleFired', 'TicketResolved', 'TicketClosed', 'WaitingOnCustomer', 'AgentRegistered', 'AgentAvailabilityChanged', 'AgentReactivated', 'AgentSkillsUpdated', 'AgentLanguagesUpdated', 'AgentCapChanged', 'AgentWorkingHoursChanged']);

export interface RoutingOutcome {
  ticketId: string;
  agentId: string | null;
  reason: string;
}

/**
 * Auto-assignment: gives unassigned open tickets to the agent the routing policy picks, and
 * replaces an assignee who let the acknowledgement deadline pass. It assigns through the same
 * command an agent would use, with the ticket's revision as If-Match, so every assignment is an
 * event carrying its reason, and two routers never both assign one ticket.
 */
@Injectable()
export class RoutingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Routing');
  private timer?: NodeJS.Timeout;
  private subscription?: EventSubscription;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();
  /** Earliest acknowledgement deadline still ahead, as of the last pass (epoch ms). */
  private nextDeadline: number | null = null;

  constructor(
    private readonly readModels: ReadModels,
    private readonly commands: TicketCommandRunner,
    private readonly engine: ProjectionEngine,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.RUN_ROUTING) return;
    this.sleep(0);
    this.subscription = this.store.subscribe(await this.store.headPosition());
    void this.follow(this.subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.subscription?.close();
    await this.running; // a pass under way finishes its commands before the stores close
  }

  /**
   * One pass: replace overdue assignees, then route unassigned tickets, most urgent first. Every
   * query it makes is answered from an index and reads at most a batch, so a pass costs the
   * same at 10 and at 100,000 open tickets. With `explain` (the default) every ticket of the
   * batch is weighed and comes back with the reason it went nowhere, even when nobody is at work
   * to take it; the router's own passes (`explain: false`) do not read the tickets that no one
   * on the roster could take now, which assigns exactly the same.
   */
  async runOnce(options: { explain?: boolean } = {}): Promise<RoutingOutcome[]> {
    const run = this.running.then(() => this.pass(options.explain ?? true));
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * Gives the ticket to another eligible agent (an escalation rule, an automation rule's "hand to
   * routing"); null when it has no one else. With an idempotency key a second call for the same
   * reason assigns nothing again.
   */
  async reassign(ticketId: string, why: string, options: { idempotencyKey?: string; causationId?: string } = {}): Promise<RoutingOutcome | null> {
    const ticket = await (await this.readModels.collection<QueueItem>(QUEUE)).findOne({ _id: ticketId });
    if (!ticket?.open) return null;
    // No If-Match: the escalation itself has just changed the ticket, so the read model is behind;
    // the decider still refuses a closed ticket or the same agent.
    return this.assign(ticket, await this.roster(), this.clock.now(), { exclude: ticket.assigneeId ?? undefined, why, ifMatch: false, ...options });
  }

  private async pass(explain: boolean): Promise<RoutingOutcome[]> {
    const now = this.clock.now();
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const roster = await this.roster();
    // Room is looked at before each phase: a replaced assignee frees a place for the next one.
    const capacity = (): RoutingCapacity => (roster.agents.length === 0 ? 'none' : explain ? 'any' : routingCapacity(roster.agents, roster.loads, now));
    const { overdue, nextDeadline } = await pendingAcknowledgements(queue, now, { overdueRanks: ranksFor(capacity()), limit: BATCH });
    this.nextDeadline = nextDeadline;
    if (roster.agents.length === 0) return [];

    const outcomes: RoutingOutcome[] = [];
    for (const ticket of overdue.slice(0, BATCH)) {
      const minutes = Math.round((now.getTime() - new Date(ticket.assignedAt!).getTime()) / 60_000);
      outcomes.push(await this.assign(ticket, roster, now, { exclude: ticket.assigneeId!, why: `${ticket.assigneeId} did not acknowledge within the deadline (assigned ${minutes} min ago). ` }));
    }
    for (const ticket of await unassigned(queue, capacity())) {
      outcomes.push(await this.assign(ticket, roster, now));
    }
    return outcomes;
  }

  /** Active agents with their open tickets and when each was last assigned, from the read models. */
  private async roster(): Promise<Roster> {
    const agents = (await (await this.readModels.collection<AgentView>(AGENTS)).find({ active: true }, { limit: MAX_ROSTER })).map(toAgent);
    const ids = agents.map((a) => a.id);
    const workloads = ids.length ? await (await this.readModels.collection<AgentWorkload>(WORKLOAD)).find({ _id: { $in: ids } }, { limit: ids.length }) : [];
    const lastAssigned: Record<string, number> = {};
    for (const a of agents) if (a.lastAssignedAt) lastAssigned[a.id] = new Date(a.lastAssignedAt).getTime();
    return { agents, loads: Object.fromEntries(workloads.map((w) => [w._id, w.open])), lastAssigned };
  }

  private async assign(ticket: QueueItem, roster: Roster, now: Date, options: { exclude?: string; why?: string; ifMatch?: boolean; idempotencyKey?: string; causationId?: string } = {}): Promise<RoutingOutcome> {
    const { exclude, why = '', ifMatch = true, idempotencyKey, causationId } = options;
    const { agents, loads, lastAssigned } = roster;
    const decision = route(
      { id: ticket._id, team: ticket.team, category: ticket.category, language: ticket.language as Language, priority: ticket.priority },
      agents,
      loads,
      { strategy: this.settings.ROUTING_STRATEGY as RoutingStrategy, now, lastAssigned, excludeAgentIds: exclude ? [exclude] : [] },
    );
    const reason = `${why}${decision.reason.explanation}`;
    if (!decision.agentId) return { ticketId: ticket._id, agentId: null, reason };
    try {
      await this.commands.execute(ticket._id, { type: 'AssignTicket', data: { agentId: decision.agentId, reason } }, { actor: ROUTER_ACTOR, scope: {}, correlationId: randomUUID(), ...(ifMatch ? { expectedRevision: ticket.revision } : {}), ...(idempotencyKey ? { idempotencyKey, request: { route: ticket._id } } : {}), ...(causationId ? { causationId } : {}) });
      // What this pass has handed out counts before the read models catch up.
      loads[decision.agentId] = (loads[decision.agentId] ?? 0) + 1;
      if (exclude) loads[exclude] = Math.max(0, (loads[exclude] ?? 0) - 1);
      lastAssigned[decision.agentId] = now.getTime() + Object.keys(lastAssigned).length;
      return { ticketId: ticket._id, agentId: decision.agentId, reason };
    } catch (error) {
      // Someone changed the ticket meanwhile (a person assigned it): the next pass sees the new state.
      if (!(error instanceof ConcurrencyConflictError)) this.logger.warn(`Routing ${ticket.number}: ${(error as Error).message}`);
      return { ticketId: ticket._id, agentId: null, reason: `not assigned: ${(error as Error).message}` };
    }
  }

  /** Wakes on events that may make someone routable, once the read models have seen them. */
  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const batch of subscription) {
        const last = batch[batch.length - 1];
        if (!batch.some((e) => TRIGGERS.has(e.type))) continue;
        await this.engine.waitFor(last.position, [QUEUE, AGENTS, WORKLOAD], 5000);
        await this.runOnce({ explain: false }).catch((error) => this.logger.warn(`Routing pass failed: ${(error as Error).message}`));
      }
    } catch (error) {
      if (!this.stopped) this.logger.warn(`Routing feed stopped: ${(error as Error).message}`);
    }
  }

  /** Sleeps until the earliest acknowledgement deadline the last pass saw (at most 30 s), then runs a pass. */
  private sleep(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.runOnce({ explain: false }).catch((error) => this.logger.warn(`Routing pass failed: ${(error as Error).message}`));
      const wait = this.nextDeadline === null ? MAX_SLEEP_MS : this.nextDeadline - this.clock.now().getTime();
      this.sleep(Math.min(MAX_SLEEP_MS, Math.max(1000, wait)));
    }, ms);
    this.timer.unref();
  }
}

/** Ranks whose overdue tickets someone could take over: an emergency may go over a cap. */
const ranksFor = (capacity: RoutingCapacity): readonly number[] => (capacity === 'any' ? ALL_RANKS : capacity === 'emergencies' ? [0] : []);

/**
 * The most urgent unassigned tickets someone could take, through the queue's
 * `open_assignee_rank_due` index (every condition a bound, already in order: it reads what it returns).
 */
async function unassigned(queue: Collection<QueueItem>, capacity: RoutingCapacity): Promise<QueueItem[]> {
  if (capacity === 'none') return [];
  // Sorted by due alone: rank is fixed by the filter (SQLite sorts again when an equality-bound key leads the sort).
  if (capacity === 'emergencies') return queue.find({ open: true, assigneeId: null, rank: 0 }, { sort: { dueAt: 1 }, limit: BATCH });
  return queue.find({ open: true, assigneeId: null }, { sort: { rank: 1, dueAt: 1 }, limit: BATCH });
}

interface Roster {
  agents: Agent[];
  loads: Record<string, number>;
  lastAssigned: Record<string, number>;
}

const toAgent = (v: AgentView): Agent & { lastAssignedAt: string | null } => ({ ...v, id: v.agentId });
