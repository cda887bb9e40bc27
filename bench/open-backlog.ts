import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { AgentCommandRunner, TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { CATEGORIES } from '@helpdesk/ticketing';
import { createApp } from '../apps/api/src/create-app';

/** Roster agents, each at work all week and at their cap: the router weighs them and finds no room. */
export const BACKLOG_ROSTER = 20;
const CAP = 3;
/** Submissions in flight at once while seeding (the event store commits them in groups). */
const IN_FLIGHT = 256;
const ALL_WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

export interface OpenBacklog {
  tickets: number;
  /** Tickets assigned and not yet acknowledged (each agent's cap). */
  pendingAcknowledgement: number;
  seedSeconds: number;
  /** From the last submission until every projection had applied the whole feed. */
  projectSeconds: number;
}

/**
 * Fills a fresh DATA_DIR with `tickets` open tickets through the app's own command path (the
 * real app, its event store and projections), for an app started on it afterwards: questions
 * in English and Urdu, none acknowledged, and a roster of agents online all week, each holding
 * their cap of assigned, unacknowledged tickets. So the router of the app started later sees a
 * backlog nobody has room for, as when open tickets pile up, and its every pass weighs the roster.
 *
 * Reactors that follow the feed (notifications, automation, satisfaction) do not run while
 * seeding: they start at the head on their first start, so the measured app does not send
 * 100,000 confirmations. The projections run and are waited for.
 */
export async function seedOpenBacklog(dataDir: string, tickets: number): Promise<OpenBacklog> {
  const started = Date.now();
  const pending = await withApp(dataDir, { RUN_PROJECTIONS: 'false' }, (app) => appendBacklog(app, tickets));
  const seeded = Date.now();
  // The projections catch up afterwards, in the large batches of a catch-up rather than one
  // small transaction per group of live appends (measured: several times faster).
  await withApp(dataDir, {}, async (app) => {
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    if (!(await app.get(ProjectionEngine).waitFor(head, undefined, 3_600_000))) throw new Error(`the projections did not reach ${head} within an hour`);
  });
  return { tickets, pendingAcknowledgement: pending, seedSeconds: (seeded - started) / 1000, projectSeconds: (Date.now() - seeded) / 1000 };
}

async function withApp<R>(dataDir: string, env: Record<string, string>, work: (app: INestApplication) => Promise<R>): Promise<R> {
  const off = 'false';
  const app = await createApp({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'error', RUN_ROUTING: off, RUN_SLA_WATCH: off, RUN_NOTIFICATIONS: off, RUN_AUTOMATION: off, RUN_SATISFACTION_REACTOR: off, RUN_AUTO_CLOSE: off, ...env },
    logger: ['error'],
  });
  try {
    await app.init();
    return await work(app);
  } finally {
    await app.close();
  }
}

/** The roster, the tickets and the assignments; the number of tickets awaiting acknowledgement. */
async function appendBacklog(app: INestApplication, tickets: number): Promise<number> {
  const agents = app.get(AgentCommandRunner);
  const runner = app.get(TicketCommandRunner);
  const supervisor = { id: 'sup-bench', role: 'supervisor' as const };
  const envelope = (actor: { id: string; role: 'supervisor' | 'customer' }) => ({ actor, scope: {}, correlationId: randomUUID() });
  for (let k = 0; k < BACKLOG_ROSTER; k++) {
    const agentId = `roster-${k}`;
    const data = { agentId, name: `Roster agent ${k}`, email: `roster-${k}@helpdesk.test`, skills: [...CATEGORIES], languages: ['en', 'ur', 'other'] as const, timeZone: 'Asia/Karachi', workingHours: ALL_WEEK, maxOpenTickets: CAP };
    await agents.execute(agentId, { type: 'RegisterAgent', data: { ...data, languages: [...data.languages] } }, envelope(supervisor));
    await agents.execute(agentId, { type: 'SetAgentAvailability', data: { availability: 'online' } }, envelope(supervisor));
  }

  const ids: string[] = new Array(tickets);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < tickets; i = next++) {
      const n = i % 50;
      const email = `customer${n}@example.com`;
      const { id } = await runner.submit(
        {
          subject: `Backlog ticket ${i}: the export stops half way`,
          description: 'The monthly export stops at about half of the rows and shows no error.',
          channel: 'web',
          category: 'question',
          customer: { name: `Customer ${n}`, email, timezone: 'Asia/Karachi', language: i % 3 ? 'en' : 'ur' },
        },
        { actor: { id: `cust-${n}`, role: 'customer' }, scope: { email }, correlationId: randomUUID() },
      );
      ids[i] = id;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));

  let pending = 0;
  for (let k = 0; k < BACKLOG_ROSTER; k++) {
    for (let c = 0; c < CAP && pending < tickets; c++) {
      await runner.execute(ids[pending++], { type: 'AssignTicket', data: { agentId: `roster-${k}`, reason: 'bench backlog' } }, envelope(supervisor));
    }
  }
  return pending;
}
