import { RoutingService } from '../../apps/api/src/routing/routing.service';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';

const OFFICE = { mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
const MINUTE = 60_000;
/** Roster members beyond the test cast, with accounts so they can set their own availability. */
const MORE_AGENTS = ['agent-john', 'agent-bilal', 'agent-offline', 'agent-bob'].map((id) => agent(id));

describe('agents and auto-assignment over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' }, users: MORE_AGENTS }))); // the test drives the router's passes
  afterEach(async () => t.destroy());

  const register = async (agentId: string, languages: string[], skills: string[], extra: object = {}) =>
    (await t.http.post('/agents').set(t.as(supervisor)).send({ agentId, name: agentId, email: `${agentId}@helpdesk.pk`, skills, languages, timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5, ...extra }).expect(201)).body;
  const online = async (agentId: string) => (await t.http.post(`/agents/${agentId}/availability`).set(t.as(agent(agentId))).send({ availability: 'online' }).expect(200)).body;
  const router = () => t.app.get(RoutingService);
  const settle = async (position: string) => t.http.get('/agents').query({ consistentWith: position }).set(t.as(supervisor)).expect(200);

  it('gives an Urdu incident to an available Urdu-speaking agent with the skill, and replaces them when they do not acknowledge', async () => {
    // Monday 2026-01-05 09:00 in Karachi.
    await register('agent-john', ['en'], ['incident']);
    await register('agent-sara', ['ur', 'en'], ['question']);
    await register('agent-ali', ['ur'], ['incident']);
    await register('agent-bilal', ['ur', 'en'], ['incident', 'question']);
    await register('agent-offline', ['ur'], ['incident']);
    for (const id of ['agent-john', 'agent-sara', 'agent-ali']) await online(id);
    const last = await online('agent-bilal');
    await settle(last.position);

    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident', customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' } })).expect(201)).body;
    await settle(ticket.position);
    const first = await router().runOnce();
    expect(first).toEqual([expect.objectContaining({ ticketId: ticket.id, agentId: 'agent-ali' })]);
    expect(first[0].reason).toMatch(/by least loaded/);
    expect(first[0].reason).toContain('Not eligible: agent-john (does not speak ur); agent-offline (offline); agent-sara (does not handle incident tickets).');

    // Medium priority: 60 minutes to acknowledge. At 59 nothing happens; at 60 the ticket moves on.
    t.clock.advance(59 * MINUTE);
    const events = (await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(agent())).expect(200)).body;
    await settle(events[events.length - 1].position);
    expect(await router().runOnce()).toEqual([]);
    t.clock.advance(1 * MINUTE);
    const second = await router().runOnce();
    expect(second).toEqual([expect.objectContaining({ ticketId: ticket.id, agentId: 'agent-bilal' })]);

    const history = (await t.http.get(`/tickets/${ticket.id}/history`).set(t.as(supervisor)).expect(200)).body.items;
    const assignments = history.filter((e: { type: string }) => e.type === 'TicketAssigned');
    expect(assignments).toHaveLength(2);
    expect(assignments[0]).toMatchObject({ actor: { id: 'router', role: 'system' }, data: { agentId: 'agent-ali', previousAgentId: null } });
    expect(assignments[0].data.reason).toMatch(/Assigned to agent-ali \(agent-ali\) by least loaded/);
    expect(assignments[1]).toMatchObject({ data: { agentId: 'agent-bilal', previousAgentId: 'agent-ali' } });
    expect(assignments[1].data.reason).toMatch(/^agent-ali did not acknowledge within the deadline \(assigned 60 min ago\)\. Assigned to agent-bilal/);

    // The roster shows live workload.
    const roster = (await t.http.get('/agents').query({ consistentWith: events[events.length - 1].position }).set(t.as(supervisor)).expect(200)).body.items;
    expect(roster.map((a: { id: string }) => a.id)).toEqual(['agent-ali', 'agent-bilal', 'agent-john', 'agent-offline', 'agent-sara']);
  });

  it('leaves a ticket unassigned when nobody fits, and routes it when someone comes online', async () => {
    await register('agent-ali', ['ur'], ['incident']);
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident' })).expect(201)).body;
    await settle(ticket.position);
    const none = await router().runOnce();
    expect(none).toEqual([expect.objectContaining({ ticketId: ticket.id, agentId: null })]);
    expect(none[0].reason).toMatch(/offline/);
    await settle((await online('agent-ali')).position);
    expect(await router().runOnce()).toEqual([expect.objectContaining({ agentId: 'agent-ali' })]);
  });

  it('on its own, passes over the tickets nobody could take now and assigns exactly what an explained pass would', async () => {
    await register('agent-ali', ['ur'], ['incident', 'emergency'], { maxOpenTickets: 1 });
    await settle((await online('agent-ali')).position);
    const submit = async (category: string) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category })).expect(201)).body;
    /** Until the read models have the router's assignment of the ticket. */
    const settleTicket = async (id: string) => {
      const events = (await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body;
      await settle(events[events.length - 1].position);
    };
    const first = await submit('incident');
    await settle(first.position);
    expect(await router().runOnce({ explain: false })).toEqual([expect.objectContaining({ ticketId: first.id, agentId: 'agent-ali' })]);
    await settleTicket(first.id);

    // Ali is at her cap: only an emergency may go over it, so only emergencies are read.
    const waiting = await submit('incident');
    const emergency = await submit('emergency');
    await settle(emergency.position);
    expect(await router().runOnce({ explain: false })).toEqual([expect.objectContaining({ ticketId: emergency.id, agentId: 'agent-ali' })]);
    await settleTicket(emergency.id);
    const explained = await router().runOnce();
    expect(explained).toEqual([expect.objectContaining({ ticketId: waiting.id, agentId: null })]);
    expect(explained[0].reason).toMatch(/at cap with 2 of 1 open/);

    // Nobody at work: nothing is read, nothing assigned; asked, the router still says why.
    const offline = (await t.http.post('/agents/agent-ali/availability').set(t.as(agent('agent-ali'))).send({ availability: 'offline' }).expect(200)).body;
    await settle(offline.position);
    expect(await router().runOnce({ explain: false })).toEqual([]);
    const none = await router().runOnce();
    expect(none).toEqual([expect.objectContaining({ ticketId: waiting.id, agentId: null })]);
    expect(none[0].reason).toMatch(/offline/);
  });

  it('answers bad agent commands with problem+json', async () => {
    await register('agent-ali', ['ur'], ['incident']);
    const dup = await t.http.post('/agents').set(t.as(supervisor)).send({ agentId: 'agent-ali', name: 'x', email: 'x@y.pk', skills: [], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 3 }).expect(409);
    expect(dup.headers['content-type']).toMatch(/problem\+json/);
    await t.http.post('/agents/agent-ali/hours').set(t.as(supervisor)).send({ workingHours: { mon: [['18:00', '09:00']] } }).expect(400);
    await t.http.post('/agents/agent-ali/availability').set(t.as(agent('agent-bob'))).send({ availability: 'online' }).expect(403);
    await t.http.post('/agents/nobody/cap').set(t.as(supervisor)).send({ maxOpenTickets: 3 }).expect(404);
    await t.http.post('/agents').set(t.as(agent())).send({ agentId: 'agent-x', name: 'x', email: 'x@y.pk', skills: [], languages: ['ur'], timeZone: 'Mars/Olympus', workingHours: OFFICE, maxOpenTickets: 3 }).expect((r) => expect([400, 403]).toContain(r.status));
  });
});

describe('the router on its own', () => {
  it('assigns a new ticket without being asked, once the read models have it', async () => {
    const t = await startTestApp();
    try {
      await t.http.post('/agents').set(t.as(supervisor)).send({ agentId: 'agent-ali', name: 'Ali', email: 'ali@helpdesk.pk', skills: ['incident'], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5 }).expect(201);
      await t.http.post('/agents/agent-ali/availability').set(t.as(agent('agent-ali'))).send({ availability: 'online' }).expect(200);
      const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident' })).expect(201)).body;
      const assignee = await waitUntil('the router to assign the ticket', async () => (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: ticket.position }).set(t.as(agent())).expect(200)).body.assigneeId as string | null);
      expect(assignee).toBe('agent-ali');
    } finally {
      await t.destroy();
    }
  });
});
