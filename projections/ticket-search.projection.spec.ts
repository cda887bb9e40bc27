import { StoredEvent } from '@helpdesk/event-store';
import { ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { SqliteReadStore } from '@helpdesk/read-store';
import { TicketEvent } from '@helpdesk/ticketing';
import { TICKET_SEARCH, ticketSearchProjection, TicketSearchDoc } from './ticket-search.projection';

const submitted: TicketEvent = {
  type: 'TicketSubmitted',
  data: {
    ticketId: 't1', number: 'HD-000042', subject: 'Visa portal rejects my پاس ورڈ', description: 'The embassy portal is blank.', channel: 'web',
    customer: { name: 'Ayesha Khan', email: 'Ayesha@Example.pk', timezone: 'Asia/Karachi', language: 'ur' },
    category: 'incident', priority: 'medium', errorMessages: ['E401'], stepsToReproduce: null, impact: null,
  },
};
const agent = { id: 'agent-ali', role: 'agent' };
const customer = { id: 'cust-1', role: 'customer' };

function stream(...events: Array<[TicketEvent, object]>): StoredEvent[] {
  return events.map(([event, actor], i) => {
    const at = new Date(Date.UTC(2026, 0, 5, 4, i)).toISOString();
    return { id: `e-${i}`, streamId: 'ticket-t1', revision: i, position: BigInt(i + 1), type: event.type, data: event.data as Record<string, unknown>, metadata: { actor, occurredAt: at, schemaVersion: 1 }, recordedAt: new Date(at) };
  });
}

const history = stream(
  [submitted, customer],
  [{ type: 'TicketAssigned', data: { agentId: 'agent-ali', reason: null } } as TicketEvent, agent],
  [{ type: 'CommentAdded', data: { commentId: 'c1', body: 'Zebracode: the gateway cache.', visibility: 'internal', author: 'agent' } }, agent],
  [{ type: 'CommentAdded', data: { commentId: 'c2', body: 'We cleared the cache.', visibility: 'public', author: 'agent' } }, agent],
  [{ type: 'TicketTagsChanged', data: { added: ['vip'], removed: [], tags: ['vip'] } } as TicketEvent, agent],
  [{ type: 'TicketResolved', data: { resolution: 'Cache cleared.' } }, agent],
  [{ type: 'SatisfactionOffered', data: { offerId: 'o1', changeableUntil: '2026-01-12T04:05:00.000Z' } }, { id: 'system', role: 'system' }],
  [{ type: 'SatisfactionRated', data: { offerId: 'o1', score: 4, comment: 'Quick', previousScore: null } }, customer],
);

async function project(events: StoredEvent[], uow = new ProjectionUnitOfWork(new SqliteReadStore(':memory:'), (name) => name)) {
  const projection = ticketSearchProjection();
  for (const event of events) await projection.apply(event, uow);
  return uow;
}

describe('the ticket_search projection', () => {
  it('keeps every word for staff and only what the customer reads for the customer, normalised for the index', async () => {
    const uow = await project(history);
    const staff = (await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:staff'))!;
    const mine = (await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:customer'))!;
    expect(staff).toMatchObject({ ticketId: 't1', audience: 'staff', number: 'HD-000042', exactNumber: 'HD-000042', customerEmail: 'ayesha@example.pk', assigneeId: 'agent-ali', status: 'resolved' });
    expect(staff.searchNumber).toBe('hd 000042 42');
    expect(staff.searchSubject).toContain('پاسورڈ'); // the compound also joined, as the knowledge base indexes it
    expect(staff.searchBody).toMatch(/zebracode.*cleared.*vip/);
    expect(mine).toMatchObject({ audience: 'customer', assigneeId: null, team: null, ratings: [] });
    expect(JSON.stringify(mine)).not.toMatch(/zebracode|vip/i);
    expect(mine.text).toBe('The embassy portal is blank.\nE401\n\nWe cleared the cache.\n\nCache cleared.');
    expect(staff.ratings).toEqual([{ offerId: 'o1', offeredAt: '2026-01-05T04:06:00.000Z', score: 4, comment: 'Quick', ratedAt: '2026-01-05T04:07:00.000Z', voided: false }]);
  });

  it('adds nothing twice when an event is delivered again, and leaves a document alone when nothing it holds changed', async () => {
    const uow = await project(history);
    const once = await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:staff');
    await project(history.slice(2, 4), uow);
    expect(await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:staff')).toEqual(once);
    // An SLA record changes nothing a search document holds: neither is rewritten (nor re-indexed).
    const held = (await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:customer'))!._position;
    const [warning] = stream(...history.map((e) => [{ type: e.type, data: e.data }, e.metadata.actor] as [TicketEvent, object]), [{ type: 'SlaWarningIssued', data: { target: 'resolution', dueAt: '2026-01-06T04:00:00.000Z' } } as unknown as TicketEvent, { id: 'system', role: 'system' }]).slice(-1);
    await project([warning], uow);
    expect((await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:customer'))!._position).toBe(held);
    expect((await uow.get<TicketSearchDoc>(TICKET_SEARCH, 't1:staff'))!._position).toBe(once!._position);
  });
});
