import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConcurrencyConflictError, TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore, EventSubscription } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, AgentView, AgentWorkload, QUEUE, QueueItem, WORKLOAD } from '@helpdesk/projections';
import { acknowledgementDeadline, Agent, isAcknowledgementOverdue, route, RoutingStrategy } from '@helpdesk/routing';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Language } from '@helpdesk/ticketing';
import { Settings, SETTINGS } from '../config/settings';

export const ROUTER_ACTOR = { id: 'router', role: 'system' } as const;
const MAX_SLEEP_MS = 30_000;
const BATCH = 100;
/** Events after which someone may now be routable: new or reopened tickets, agents coming free or online. */
const TRIGGERS = new Set(['TicketSubmitted', 'TicketReopened', 'TicketResolved', 'TicketClosed', 'WaitingOnCustomer', 'AgentRegistered', 'AgentAvailabilityChanged', 'AgentReactivated', 'AgentSkillsUpdated', 'AgentLanguagesUpdated', 'AgentCapChanged', 'AgentWorkingHoursChanged']);

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
  }

  /** One pass: replace overdue assignees, then route unassigned tickets, most urgent first. */
  async runOnce(): Promise<RoutingOutcome[]> {
    const run = this.running.then(() => this.pass());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Gives the ticket to another eligible agent (an escalation rule); null when it has no one else. */
  async reassign(ticketId: string, why: string): Promise<RoutingOutcome | null> {
    const ticket = await (await this.readModels.collection<QueueItem>(QUEUE)).findOne({ _id: ticketId });
    if (!ticket?.open) return null;
    const agents = (await (await this.readModels.collection<AgentView>(AGENTS)).find({ active: true }, { limit: 10_000 })).map(toAgent);
    const workloads = await (await this.readModels.collection<AgentWorkload>(WORKLOAD)).find({}, { limit: 10_000 });
    const loads: Record<string, number> = Object.fromEntries(workloads.map((w) => [w._id, w.open]));
    const lastAssigned: Record<string, number> = {};
    for (const a of agents) if (a.lastAssignedAt) lastAssigned[a.id] = new Date(a.lastAssignedAt).getTime();
    // No If-Match: the escalation itself has just changed the ticket, so the read model is behind;
    // the decider still refuses a closed ticket or the same agent.
    return this.assign(ticket, agents, loads, lastAssigned, this.clock.now(), ticket.assigneeId ?? undefined, why, false);
  }

  private async pass(): Promise<RoutingOutcome[]> {
    const now = this.clock.now();
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const agents = (await (await this.readModels.collection<AgentView>(AGENTS)).find({ active: true }, { limit: 10_000 })).map(toAgent);
    if (agents.length === 0) return [];
    const workloads = await (await this.readModels.collection<AgentWorkload>(WORKLOAD)).find({}, { limit: 10_000 });
    const loads: Record<string, number> = Object.fromEntries(workloads.map((w) => [w._id, w.open]));
    const lastAssigned: Record<string, number> = {};
    for (const a of agents) if (a.lastAssignedAt) lastAssigned[a.id] = new Date(a.lastAssignedAt).getTime();

    const outcomes: RoutingOutcome[] = [];
    const pending = await queue.find({ open: true, acknowledged: false, assigneeId: { $ne: null } }, { sort: { rank: 1, dueAt: 1 }, limit: BATCH });
    for (const ticket of pending) {
      if (!ticket.assignedAt || !isAcknowledgementOverdue({ assignedAt: ticket.assignedAt, priority: ticket.priority, category: ticket.category, acknowledged: false }, now)) continue;
      const minutes = Math.round((now.getTime() - new Date(ticket.assignedAt).getTime()) / 60_000);
      outcomes.push(await this.assign(ticket, agents, loads, lastAssigned, now, ticket.assigneeId!, `${ticket.assigneeId} did not acknowledge within the deadline (assigned ${minutes} min ago). `));
    }
    for (const ticket of await queue.find({ open: true, assigneeId: null }, { sort: { rank: 1, dueAt: 1 }, limit: BATCH })) {
      outcomes.push(await this.assign(ticket, agents, loads, lastAssigned, now));
    }
    return outcomes;
  }

  private async assign(ticket: QueueItem, agents: Agent[], loads: Record<string, number>, lastAssigned: Record<string, number>, now: Date, exclude?: string, why = '', ifMatch = true): Promise<RoutingOutcome> {
    const decision = route(
      { id: ticket._id, team: ticket.team, category: ticket.category, language: ticket.language as Language, priority: ticket.priority },
      agents,
      loads,
      { strategy: this.settings.ROUTING_STRATEGY as RoutingStrategy, now, lastAssigned, excludeAgentIds: exclude ? [exclude] : [] },
    );
    const reason = `${why}${decision.reason.explanation}`;
    if (!decision.agentId) return { ticketId: ticket._id, agentId: null, reason };
    try {
      await this.commands.execute(ticket._id, { type: 'AssignTicket', data: { agentId: decision.agentId, reason } }, { actor: ROUTER_ACTOR, scope: {}, correlationId: randomUUID(), ...(ifMatch ? { expectedRevision: ticket.revision } : {}) });
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
        await this.runOnce().catch((error) => this.logger.warn(`Routing pass failed: ${(error as Error).message}`));
      }
    } catch (error) {
      if (!this.stopped) this.logger.warn(`Routing feed stopped: ${(error as Error).message}`);
    }
  }

  /** Sleeps until the earliest acknowledgement deadline (at most 30 s), then runs a pass. */
  private sleep(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.runOnce().catch((error) => this.logger.warn(`Routing pass failed: ${(error as Error).message}`));
      this.sleep(await this.untilNextDeadline());
    }, ms);
    this.timer.unref();
  }

  private async untilNextDeadline(): Promise<number> {
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const pending = await queue.find({ open: true, acknowledged: false, assigneeId: { $ne: null } }, { limit: BATCH });
    const deadlines = pending.filter((t) => t.assignedAt).map((t) => acknowledgementDeadline({ assignedAt: t.assignedAt!, priority: t.priority, category: t.category }).getTime());
    const next = deadlines.length ? Math.min(...deadlines) - this.clock.now().getTime() : MAX_SLEEP_MS;
    return Math.min(MAX_SLEEP_MS, Math.max(1000, next));
  }
}

const toAgent = (v: AgentView): Agent & { lastAssignedAt: string | null } => ({ ...v, id: v.agentId });
