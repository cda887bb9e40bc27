import { SlaWatchService } from '../../apps/api/src/sla/sla-watch.service';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';
import { ProjectionEngine } from '@helpdesk/projection-engine';

/*
 * Default policy, Karachi office calendar (Mon-Fri 09:00-13:00 and 14:00-18:00 PKT = UTC+5).
 * A high-priority ticket: first response 60 business minutes, warning at 80% (48 minutes).
 * Submitted Monday 2026-01-05 12:30 PKT (07:30 UTC): 30 business minutes before lunch, then the
 * clock stops 13:00-14:00, so the warning falls at 14:18 PKT (09:18 UTC) and the breach at
 * 14:30 PKT (09:30 UTC).
 */
const SUBMITTED = '2026-01-05T07:30:00.000Z';
const WARNING = '2026-01-05T09:18:00.000Z';
const BREACH = '2026-01-05T09:30:00.000Z';

describe('SLA watch over HTTP, with a clock the test controls', () => {
  let t: TestApp;
  afterEach(async () => t?.destroy());

  const start = (dataDir?: string) => startTestApp({ dataDir, users: [agent('agent-bilal')], env: { RUN_SLA_WATCH: 'false', RUN_ROUTING: 'false', SLA_ESCALATION: 'notify_supervisor,raise_priority,reassign' } });
  const watch = () => t.app.get(SlaWatchService);
  const slaEvents = async (id: string) =>
    ((await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body as Array<{ type: string; data: Record<string, unknown>; metadata: { occurredAt: string } }>).filter((e) =>
      e.type.startsWith('Sla'),
    );
  const settle = async (id: string) => {
    const events = (await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body;
    await t.http.get(`/tickets/${id}`).query({ consistentWith: events[events.length - 1].position }).set(t.as(agent())).expect(200);
    // The watch and its escalations read the queue, agents and workload too: every projection must be there.
    expect(await t.app.get(ProjectionEngine).waitFor(BigInt(events[events.length - 1].position), undefined, 60_000)).toBe(true);
  };

  it('warns, then breaches at the right business instant, exactly once across a restart', async () => {
    t = await start();
    t.clock.set(SUBMITTED);
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident' })).expect(201)).body;
    const high = (await t.http.post(`/tickets/${ticket.id}/prioritize`).set(t.as(supervisor)).send({ priority: 'high', reason: 'Visa deadline' }).expect(200)).body;
    const view = (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: high.position }).set(t.as(agent())).expect(200)).body;
    expect(view.sla.firstResponse).toMatchObject({ status: 'running', warningAt: WARNING, dueAt: BREACH, targetBusinessMinutes: 60 });
    expect(view.firstResponseDueAt).toBe(BREACH);

    t.clock.set('2026-01-05T09:17:59.000Z');
    expect(await watch().runDue()).toEqual([]);
    t.clock.set(WARNING);
    expect((await watch().runDue()).map((e) => e.type)).toEqual(['SlaWarningIssued']);
    await settle(ticket.id);
    const atRisk = (await t.http.get('/sla/at-risk').set(t.as(supervisor)).expect(200)).body.items;
    expect(atRisk).toEqual([expect.objectContaining({ ticketId: ticket.id, target: 'first_response', dueAt: BREACH, businessMinutesRemaining: 12 })]);
    const inQueue = (await t.http.get('/queue').set(t.as(agent())).expect(200)).body.items[0];
    expect(inQueue.sla.firstResponse).toMatchObject({ dueAt: BREACH, businessMinutesRemaining: 12 });
    expect(inQueue).not.toHaveProperty('slaFacts');

    t.clock.set('2026-01-05T09:29:59.000Z');
    expect(await watch().runDue()).toEqual([]);
    t.clock.set('2026-01-05T09:31:00.000Z');
    const recorded = await watch().runDue();
    expect(recorded.map((e) => [e.type, e.data.target, e.data.at])).toEqual([['SlaBreached', 'first_response', BREACH]]);
    await settle(ticket.id);


    // Restart: nothing is recorded twice.
    const dataDir = t.dataDir;
    await t.stop();
    t = await start(dataDir);
    t.clock.set('2026-01-05T11:00:00.000Z');
    await settle(ticket.id);
    await watch().runDue();
    const events = await slaEvents(ticket.id);
    expect(events.map((e) => [e.type, e.data.target, e.metadata.occurredAt])).toEqual([
      ['SlaWarningIssued', 'first_response', WARNING],
      ['SlaBreached', 'first_response', BREACH],
    ]);

    // Met 30 business minutes late: 14:30 -> 15:00 PKT.
    t.clock.set('2026-01-05T10:00:00.000Z');
    const reply = (await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(agent())).send({ body: 'On it', visibility: 'public' }).expect(200)).body;
    const breaches = (await t.http.get('/sla/breaches').query({ consistentWith: reply.position }).set(t.as(supervisor)).expect(200)).body;
    expect(breaches.recorded).toEqual([
      expect.objectContaining({ ticketId: ticket.id, target: 'first_response', dueAt: BREACH, breachedAt: BREACH, metAt: '2026-01-05T10:00:00.000Z', minutesLate: 30 }),
    ]);
  });

  it('pauses resolution while waiting on the customer, and resumes where it stopped', async () => {
    t = await start();
    t.clock.set('2026-01-05T04:00:00.000Z'); // Monday 09:00 PKT
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident' })).expect(201)).body;
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent('agent-ali'))).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(agent('agent-ali'))).send({ body: 'Can you send a screenshot?', visibility: 'public' }).expect(200);
    t.clock.set('2026-01-05T05:00:00.000Z'); // one business hour used
    const waiting = (await t.http.post(`/tickets/${ticket.id}/wait`).set(t.as(agent('agent-ali'))).send({}).expect(200)).body;
    const paused = (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: waiting.position }).set(t.as(agent())).expect(200)).body;
    expect(paused.sla.resolution).toMatchObject({ status: 'paused', elapsedBusinessMinutes: 60, dueAt: null });
    expect(paused.slaNextAt).toBeNull();

    t.clock.set('2026-01-12T04:00:00.000Z'); // a week later: nothing was counted
    expect(await watch().runDue()).toEqual([]);
    const replied = (await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(customer)).send({ body: 'Here it is', visibility: 'public' }).expect(200)).body;
    const resumed = (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: replied.position }).set(t.as(agent())).expect(200)).body;
    expect(resumed.sla.resolution).toMatchObject({ status: 'running', elapsedBusinessMinutes: 60 });
  });

  it('escalates a breach: a note for supervisors, the priority one step up, another agent', async () => {
    t = await start();
    t.clock.set('2026-01-05T04:00:00.000Z');
    const OFFICE = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
    for (const id of ['agent-ali', 'agent-bilal']) {
      await t.http.post('/agents').set(t.as(supervisor)).send({ agentId: id, name: id, email: `${id}@helpdesk.pk`, skills: ['question'], languages: ['ur', 'en'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5 }).expect(201);
      await t.http.post(`/agents/${id}/availability`).set(t.as(agent(id))).send({ availability: 'online' }).expect(200);
    }
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'question' })).expect(201)).body;
    await t.http.post(`/tickets/${ticket.id}/prioritize`).set(t.as(supervisor)).send({ priority: 'low' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await settle(ticket.id);
    t.clock.set('2026-01-19T04:00:00.000Z');
    expect((await watch().runDue()).map((e) => e.type)).toEqual(['SlaWarningIssued', 'SlaBreached', 'SlaWarningIssued', 'SlaBreached']);
    // The router hands the ticket to another agent when it sees the escalation: after runDue, not within it.
    const history = await waitUntil('the router to reassign the escalated ticket', async () => {
      const items = (await t.http.get(`/tickets/${ticket.id}/history`).set(t.as(supervisor)).expect(200)).body.items;
      return items.some((e: { type: string; actor: { id: string } }) => e.type === 'TicketAssigned' && e.actor.id === 'router') ? items : undefined;
    });
    const byWatch = history.filter((e: { actor: { id: string } }) => e.actor.id === 'sla-watch' || e.actor.id === 'router');
    const raised = byWatch.filter((e: { type: string }) => e.type === 'TicketPrioritized');
    expect(raised).toHaveLength(1);
    expect(raised[0].data).toMatchObject({ priority: 'medium', previousPriority: 'low', reason: expect.stringMatching(/^Escalated: first response target breached at /) });
    const notes = byWatch.filter((e: { type: string }) => e.type === 'CommentAdded');
    expect(notes.map((n: { data: { visibility: string; body: string } }) => [n.data.visibility, n.data.body.slice(0, 40)])).toEqual([
      ['internal', 'SLA escalation for supervisors: first re'],
      ['internal', 'SLA escalation for supervisors: resoluti'],
    ]);
    const moved = byWatch.filter((e: { type: string }) => e.type === 'TicketAssigned');
    expect(moved[0].data).toMatchObject({ agentId: 'agent-bilal', previousAgentId: 'agent-ali', reason: expect.stringMatching(/^Escalated: first response target breached/) });
  });

  it('publishes policy versions as events; each ticket keeps the version in force when it was submitted', async () => {
    t = await start();
    const initial = (await t.http.get('/sla/policies').set(t.as(supervisor)).expect(200)).body;
    expect(initial.current).toMatchObject({ id: 'default', version: 1, warningFraction: 0.8 });
    expect(initial.current.classes.high.targets).toMatchObject({ firstResponse: 60 });
    expect(initial.current.classes.emergency.calendar.id).toBe('24x7');
    expect(initial.current.classes.medium.calendar.zone).toBe('Asia/Karachi');

    t.clock.set(SUBMITTED);
    const before = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident' })).expect(201)).body;
    await t.http.post('/sla/policies').set(t.as(agent())).send({ targets: { high: { firstResponse: 30, resolution: 480 } } }).expect(403);
    const refused = await t.http.post('/sla/policies').set(t.as(supervisor)).send({ targets: { medium: { firstResponse: 10, resolution: 100 } } }).expect(400);
    expect(refused.body).toMatchObject({ type: 'urn:helpdesk:problem:invalid-sla-policy', errors: expect.arrayContaining([expect.stringMatching(/medium/)]) });
    const published = (await t.http.post('/sla/policies').set(t.as(supervisor)).send({ targets: { high: { firstResponse: 30, resolution: 480 } } }).expect(201)).body;
    expect(published).toMatchObject({ id: 'default', version: 2 });
    const after = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ category: 'incident' })).expect(201)).body;

    for (const [ticket, version, minutes] of [[before, 1, 60], [after, 2, 30]] as const) {
      const res = await t.http.post(`/tickets/${ticket.id}/prioritize`).set(t.as(supervisor)).send({ priority: 'high' }).expect(200);
      const view = (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: res.body.position }).set(t.as(agent())).expect(200)).body;
      expect({ version: view.sla.policy.version, minutes: view.sla.firstResponse.targetBusinessMinutes }).toEqual({ version, minutes });
    }
    const events = (await t.http.get(`/tickets/${after.id}/events`).set(t.as(agent())).expect(200)).body;
    expect(events[0].metadata.slaPolicy).toEqual({ id: 'default', version: 2 });
    expect((await t.http.get('/sla/policies').set(t.as(supervisor)).expect(200)).body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});
