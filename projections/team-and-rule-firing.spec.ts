import { StoredEvent } from '@helpdesk/event-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { SqliteReadStore } from '@helpdesk/read-store';
import { RuleFiring, TicketEvent } from '@helpdesk/ticketing';
import { AUDIT_TRAIL, auditTrailProjection, AuditEntry } from './audit-trail.projection';
import { METRICS_DAILY, metricsProjection, DailyMetrics } from './metrics.projection';
import { QUEUE, queueProjection, QueueItem } from './queue.projection';
import { TICKETS, ticketsProjection } from './tickets.projection';
import { TicketView } from './ticket-view';
import { WORKLOAD, workloadProjection } from './workload.projection';

const submitted: TicketEvent = {
  type: 'TicketSubmitted',
  data: {
    ticketId: 't1', number: 'HD-000001', subject: 'Portal down', description: 'd', channel: 'web',
    customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' },
    category: 'incident', priority: 'medium', errorMessages: [], stepsToReproduce: null, impact: null,
  },
};
const firing: RuleFiring = {
  ruleId: 'rule-1', ruleName: 'Outages to Network', ruleVersion: 2,
  trigger: { kind: 'event', eventId: 'e-0', eventType: 'TicketSubmitted' },
  matched: ['category is incident'], actions: ['routed to team Network'], depth: 1, outcome: 'applied', reason: null, notify: [],
};
const system = { id: 'automation', role: 'system' };
const supervisor = { id: 'sup-sana', role: 'supervisor' };

/** The ticket's stream as the store records it: one event a minute from 04:00 UTC (09:00 in Karachi). */
function stream(...events: Array<[TicketEvent, object]>): StoredEvent[] {
  return events.map(([event, actor], i) => {
    const at = new Date(Date.UTC(2026, 0, 5, 4, i)).toISOString();
    return { id: `e-${i}`, streamId: 'ticket-t1', revision: i, position: BigInt(i + 1), type: event.type, data: event.data as Record<string, unknown>, metadata: { actor, occurredAt: at, schemaVersion: 1 }, recordedAt: new Date(at) };
  });
}

async function project(projection: Projection, events: StoredEvent[]): Promise<ProjectionUnitOfWork> {
  const uow = new ProjectionUnitOfWork(new SqliteReadStore(':memory:'), (name) => name);
  for (const event of events) await projection.apply(event, uow);
  return uow;
}

const history = stream(
  [submitted, { id: 'cust-1', role: 'customer' }],
  [{ type: 'RuleFired', data: firing }, system],
  [{ type: 'TicketTeamChanged', data: { team: 'Network', previousTeam: null, reason: 'rule: Outages to Network' } }, system],
  [{ type: 'TicketTeamChanged', data: { team: null, previousTeam: 'Network', reason: null } }, supervisor],
  [{ type: 'RuleFired', data: { ...firing, depth: 6, outcome: 'loop_stopped', reason: 'Stopped: the rules set each other off.' } }, system],
);

describe('projections, given a team change and rule firings on a ticket', () => {
  it('tickets and queue show the team it is routed to, and count each event as activity on the ticket', async () => {
    for (const [projection, collection] of [[ticketsProjection(), TICKETS], [queueProjection(), QUEUE]] as const) {
      const routed = await project(projection, history.slice(0, 3));
      expect(await routed.get<TicketView | QueueItem>(collection, 't1')).toMatchObject({ team: 'Network', updatedAt: '2026-01-05T04:02:00.000Z', revision: 2 });
      const after = await project(projection, history);
      // The last event, a firing the loop bound stopped, changed nothing but the revision and the last activity.
      expect(await after.get<TicketView | QueueItem>(collection, 't1')).toMatchObject({ team: null, updatedAt: '2026-01-05T04:04:00.000Z', revision: 4, status: 'new', priority: 'medium' });
    }
  });

  it('the audit trail records the team as a changed field, and each firing with what it said and no field changed', async () => {
    const uow = await project(auditTrailProjection(), history);
    const entry = (i: number) => uow.get<AuditEntry>(AUDIT_TRAIL, `e-${i}`);
    expect((await entry(0))!.changes.map((c) => c.field)).not.toContain('team');
    expect((await entry(1))!).toMatchObject({ type: 'RuleFired', actor: system, changes: [], data: firing });
    expect((await entry(2))!.changes).toEqual([{ field: 'team', before: null, after: 'Network' }]);
    expect((await entry(3))!.changes).toEqual([{ field: 'team', before: 'Network', after: null }]);
    expect((await entry(4))!).toMatchObject({ type: 'RuleFired', changes: [], data: { outcome: 'loop_stopped' } });
  });

  it('workload is untouched: neither event changes who holds a ticket or its status', async () => {
    const uow = await project(workloadProjection(), [...history, ...stream([{ type: 'TicketAssigned', data: { agentId: 'agent-ali', previousAgentId: null, reason: null } }, supervisor]).map((e) => ({ ...e, id: 'e-5', revision: 5, position: 6n }))]);
    expect(await uow.get(WORKLOAD, 'agent-ali')).toMatchObject({ open: 1, byStatus: { assigned: 1 } });
  });

  it('metrics count a ticket under the team it has at the moment: arrival under none, a resolution while routed under the team', async () => {
    const resolved = stream([{ type: 'TicketResolved', data: { resolution: 'Restarted' } }, supervisor])[0];
    const uow = await project(metricsProjection(), [...history.slice(0, 3), { ...resolved, id: 'e-3', revision: 3, position: 4n }]);
    expect(await uow.get<DailyMetrics>(METRICS_DAILY, '2026-01-05|team|none')).toMatchObject({ ticketsIn: 1, resolved: 0 });
    expect(await uow.get<DailyMetrics>(METRICS_DAILY, '2026-01-05|team|Network')).toMatchObject({ ticketsIn: 0, resolved: 1 });
  });
});
