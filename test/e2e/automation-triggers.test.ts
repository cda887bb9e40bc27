import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { MAX_RULE_DEPTH } from '@helpdesk/automation';
import { AutomationService } from '../../apps/api/src/automation/reactors/automation.service';
import { admin, agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';
import { startTestRelay, TestRelay } from '../support/test-relay';
import { waitUntil } from '../support/wait';

interface StoredEvent {
  id: string;
  type: string;
  revision: number;
  position: string;
  data: Record<string, any>;
  metadata: { actor: { id: string; role: string }; causationId: string; automation?: { ruleId: string; ruleVersion: number; trigger: string; depth: number } };
}

const OFFICE = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };

describe('automation triggers: each action through the ordinary commands, once', () => {
  let t: TestApp;
  afterEach(async () => t?.destroy());

  const start = async (env: Record<string, string> = {}) => (t = await startTestApp({ env: { RUN_ROUTING: 'false', ...env } }));
  const automation = () => t.app.get(AutomationService);
  const createRule = async (body: object) => (await t.http.post('/automation/rules').set(t.as(supervisor)).send({ enabled: true, ...body }).expect(201)).body as { id: string; position: string };
  const submit = async (overrides: Record<string, unknown> = {}) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string; position: string };
  const events = async (ticketId: string) => (await t.http.get(`/tickets/${ticketId}/events`).set(t.as(admin)).expect(200)).body as StoredEvent[];
  /** Once the reactor has handled everything up to the head: whatever rules would fire have fired. */
  const store = () => t.app.get<EventStore>(EVENT_STORE);
  const settled = () => waitUntil('the automation reactor to reach the head', async () => automation().reactor!.waitFor(await store().headPosition(), 1000));
  const fired = async (ticketId: string) => (await events(ticketId)).filter((e) => e.type === 'RuleFired');

  it('sets priority, category, team and tags on a matching ticket as one append naming the rule, and leaves others alone', async () => {
    await start();
    const rule = await createRule({
      name: 'Refunds from example.pk are billing',
      events: ['TicketSubmitted'],
      conditions: [
        { field: 'customer_domain', op: 'is', values: ['example.pk'] },
        { field: 'text', op: 'contains', values: ['ریفنڈ', 'refund'] },
        { field: 'channel', op: 'is', values: ['web', 'api'] },
      ],
      actions: [
        { type: 'set_priority', priority: 'high' },
        { type: 'set_category', category: 'question' },
        { type: 'set_team', team: 'billing' },
        { type: 'add_tags', tags: ['Refund'] },
      ],
    });
    // Urdu written with the Arabic yeh and a diacritic still matches.
    const matching = await submit({ subject: 'ريفِنڈ چاہیے', description: 'Please send my money back.' });
    const other = await submit({ subject: 'Cannot sign in', description: 'Password rejected.' });
    await settled();

    const history = await events(matching.id);
    const byRule = history.filter((e) => e.metadata.automation);
    expect(byRule.map((e) => e.type)).toEqual(['RuleFired', 'TicketPrioritized', 'TicketCategorized', 'TicketTeamChanged', 'TicketTagsChanged']);
    expect(byRule.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5]); // one append, nothing between
    const submitted = history[0];
    for (const e of byRule) {
      expect(e.metadata.actor).toEqual({ id: 'automation', role: 'system' });
      expect(e.metadata.causationId).toBe(`rule:${rule.id}:${submitted.id}`);
      expect(e.metadata.automation).toMatchObject({ ruleId: rule.id, ruleVersion: 1, trigger: submitted.id, depth: 1 });
    }
    expect(byRule[0].data).toMatchObject({
      ruleId: rule.id,
      ruleName: 'Refunds from example.pk are billing',
      ruleVersion: 1,
      trigger: { kind: 'event', eventId: submitted.id, eventType: 'TicketSubmitted' },
      outcome: 'applied',
      depth: 1,
      matched: ['customer domain is example.pk (it is example.pk)', 'text contains "ریفنڈ"', 'channel is web, api (it is web)'],
      actions: ['priority set to high', 'category set to question', 'routed to team billing', 'tagged refund'],
    });
    const view = (await t.http.get(`/tickets/${matching.id}`).query({ consistentWith: byRule[4].position }).set(t.as(admin)).expect(200)).body;
    expect(view).toMatchObject({ priority: 'high', category: 'question', team: 'billing', tags: ['refund'] });

    expect(await fired(other.id)).toEqual([]);
    expect((await events(other.id)).filter((e) => e.metadata.automation)).toEqual([]);

    // Delivered again (a restart before the checkpoint): nothing is appended twice.
    const reactor = automation().reactor!;
    const count = (await events(matching.id)).length;
    const [stored] = await store().readStream(`ticket-${matching.id}`);
    expect(await reactor.handle(stored)).toBe(0);
    expect(await events(matching.id)).toHaveLength(count);
  });

  it('assigns, writes an internal note and a public reply in the customer’s language, and skips what is already so', async () => {
    await start();
    await createRule({
      name: 'Emergencies to Ali',
      events: ['TicketSubmitted'],
      conditions: [{ field: 'category', op: 'is', values: ['emergency'] }],
      actions: [
        { type: 'set_priority', priority: 'high' }, // emergencies start high: nothing to do
        { type: 'assign', agentId: 'agent-ali' },
        { type: 'internal_note', text: { en: 'Emergency {{ticket.number}}: call {{customer.name}} now.', ur: null } },
        { type: 'public_reply', text: { en: 'Dear {{customer.name}}, {{ticket.number}} is with our on-call engineer.', ur: '{{customer.name}}، {{ticket.number}} ہمارے آن کال انجینئر کے پاس ہے۔' } },
      ],
    });
    const urdu = await submit({ category: 'emergency' });
    const english = await submit({ category: 'emergency', customer: { name: 'Bilal Raza', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'en' } });
    await settled();

    const urduEvents = (await events(urdu.id)).filter((e) => e.metadata.automation);
    expect(urduEvents.map((e) => e.type)).toEqual(['RuleFired', 'TicketAssigned', 'CommentAdded', 'CommentAdded']);
    expect(urduEvents[0].data.actions).toEqual(['assigned to agent-ali', 'added an internal note', 'replied to the customer']);
    expect(urduEvents[1].data).toMatchObject({ agentId: 'agent-ali', reason: 'rule: Emergencies to Ali' });
    expect(urduEvents[2].data).toMatchObject({ visibility: 'internal', author: 'agent', body: `Emergency ${urdu.number}: call Ayesha Khan now.` });
    expect(urduEvents[3].data).toMatchObject({ visibility: 'public', author: 'agent', body: `Ayesha Khan، ${urdu.number} ہمارے آن کال انجینئر کے پاس ہے۔` });
    const englishReply = (await events(english.id)).filter((e) => e.metadata.automation && e.type === 'CommentAdded').at(-1)!;
    expect(englishReply.data.body).toBe(`Dear Bilal Raza, ${english.number} is with our on-call engineer.`);

    // The customer sees the public reply and not the note.
    const seen = (await t.http.get(`/tickets/${urdu.id}`).query({ consistentWith: urduEvents[3].position }).set(t.as(customer)).expect(200)).body;
    expect(seen.comments.map((c: { body: string }) => c.body)).toEqual([urduEvents[3].data.body]);
  });

  it('hands a ticket to routing, which picks an eligible agent of the rule’s team', async () => {
    await start({ RUN_ROUTING: 'true' });
    for (const [agentId, teams] of [['agent-ali', ['network']], ['agent-sara', ['billing']]] as const) {
      await t.http.post('/agents').set(t.as(supervisor)).send({ agentId, name: agentId, email: `${agentId}@helpdesk.pk`, skills: ['incident'], languages: ['ur', 'en'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5, teams }).expect(201);
      await t.http.post(`/agents/${agentId}/availability`).set(t.as(agent(agentId))).send({ availability: 'online' }).expect(200);
    }
    await createRule({
      name: 'Billing words go to billing',
      events: ['TicketSubmitted'],
      conditions: [{ field: 'text', op: 'contains', values: ['invoice'] }],
      actions: [{ type: 'set_team', team: 'billing' }, { type: 'route' }],
    });
    const ticket = await submit({ subject: 'Wrong invoice', description: 'The invoice total is wrong.' });
    // The router may have given the ticket to anyone before the rule set its team: it ends with billing's agent.
    const assigned = await waitUntil('routing to give the ticket to billing', async () => (await events(ticket.id)).find((e) => e.type === 'TicketAssigned' && e.data.agentId === 'agent-sara'));
    expect(assigned.data.reason).toBeTruthy();
    await settled();
    expect((await events(ticket.id)).filter((e) => e.type === 'TicketAssigned').at(-1)!.data.agentId).toBe('agent-sara');
    const firing = (await fired(ticket.id))[0];
    expect(firing.data.actions).toEqual(['routed to team billing', 'handed to routing']);
  });

  it('notifies an address through the outbox, once, with the rule’s words', async () => {
    const relay: TestRelay = await startTestRelay();
    try {
      await start({ SMTP_RELAY_URL: relay.url, MAIL_FROM: 'support@helpdesk.test', MAIL_THREAD_SECRET: 'x'.repeat(40) });
      await createRule({
        name: 'Outage alert',
        events: ['TicketSubmitted'],
        conditions: [{ field: 'text', op: 'contains', values: ['outage'] }],
        actions: [{ type: 'notify', to: 'oncall@helpdesk.test', subject: 'Outage reported: {{ticket.number}}', text: { en: '{{customer.name}} reports an outage: {{ticket.subject}}', ur: null } }],
      });
      const ticket = await submit({ subject: 'Total outage in Lahore', description: 'Nothing works.' });
      await relay.waitFor(() => relay.messages.some((m) => m.to.includes('oncall@helpdesk.test')), 'the rule’s notice');
      const notice = relay.messages.find((m) => m.to.includes('oncall@helpdesk.test'))!;
      expect(notice.parsed.subject).toContain(`Outage reported: ${ticket.number}`);
      expect(notice.parsed.text).toContain('Ayesha Khan reports an outage: Total outage in Lahore');
      await settled();
      expect((await fired(ticket.id))[0].data.notify).toEqual([{ to: 'oncall@helpdesk.test', subject: `Outage reported: ${ticket.number}`, body: 'Ayesha Khan reports an outage: Total outage in Lahore' }]);
      expect(relay.messages.filter((m) => m.to.includes('oncall@helpdesk.test'))).toHaveLength(1);
    } finally {
      await t?.destroy();
      await relay.close();
    }
  });

  it('stops rules that set each other off after a bounded chain, and records why', async () => {
    await start();
    // Ping adds "ping" and removes "pong"; pong does the opposite: each change sets the other off.
    await createRule({ name: 'Ping', events: ['TicketTagsChanged'], conditions: [{ field: 'tags', op: 'has_none', values: ['ping'] }], actions: [{ type: 'add_tags', tags: ['ping'] }, { type: 'remove_tags', tags: ['pong'] }] });
    await createRule({ name: 'Pong', events: ['TicketTagsChanged'], conditions: [{ field: 'tags', op: 'has_any', values: ['ping'] }], actions: [{ type: 'remove_tags', tags: ['ping'] }, { type: 'add_tags', tags: ['pong'] }] });
    const ticket = await submit();
    await t.http.post(`/tickets/${ticket.id}/tags`).set(t.as(supervisor)).send({ add: ['start'] }).expect(200);
    const stopped = await waitUntil('the chain to be stopped', async () => (await fired(ticket.id)).find((e) => e.data.outcome === 'loop_stopped'));
    await settled();
    const firings = await fired(ticket.id);
    expect(firings.filter((e) => e.data.outcome === 'applied')).toHaveLength(MAX_RULE_DEPTH);
    expect(firings.filter((e) => e.data.outcome === 'loop_stopped')).toHaveLength(1);
    expect(stopped.data.depth).toBe(MAX_RULE_DEPTH + 1);
    expect(stopped.data.reason).toMatch(/rules set each other off/);
    expect(firings.map((e) => e.data.depth)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('never lets a rule set itself off: its own reply goes out once, and the stop is recorded', async () => {
    await start();
    await createRule({ name: 'Thank every comment', events: ['CommentAdded'], conditions: [], actions: [{ type: 'public_reply', text: { en: 'Thank you, we read it.', ur: null } }] });
    const ticket = await submit();
    await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(customer)).send({ body: 'One more detail.', visibility: 'public' }).expect(200);
    const stopped = await waitUntil('the self-trigger to be stopped', async () => (await fired(ticket.id)).find((e) => e.data.outcome === 'loop_stopped'));
    await settled();
    expect(stopped.data.reason).toMatch(/own change set it off again/);
    expect((await fired(ticket.id)).map((e) => e.data.outcome)).toEqual(['applied', 'loop_stopped']);
    expect((await events(ticket.id)).filter((e) => e.type === 'CommentAdded').map((e) => e.data.body)).toEqual(['One more detail.', 'Thank you, we read it.']);
  });

  it('fires no disabled rule, and names the version that fired after a change', async () => {
    await start();
    const rule = await createRule({ name: 'Tag VIPs', events: ['TicketSubmitted'], conditions: [{ field: 'language', op: 'is', values: ['ur'] }], actions: [{ type: 'add_tags', tags: ['urdu'] }] });
    await t.http.post(`/automation/rules/${rule.id}/disable`).set(t.as(supervisor)).send({ reason: 'testing' }).expect(200);
    const quiet = await submit();
    await settled();
    expect(await fired(quiet.id)).toEqual([]);

    const current = (await t.http.get(`/automation/rules/${rule.id}`).set(t.as(supervisor)).expect(200));
    await t.http
      .put(`/automation/rules/${rule.id}`)
      .set(t.as(supervisor))
      .set('If-Match', current.headers.etag)
      .send({ name: 'Tag Urdu speakers', events: ['TicketSubmitted'], conditions: [{ field: 'language', op: 'is', values: ['ur'] }], actions: [{ type: 'add_tags', tags: ['urdu', 'ur'] }] })
      .expect(200);
    await t.http.post(`/automation/rules/${rule.id}/enable`).set(t.as(supervisor)).send({}).expect(200);
    const loud = await submit();
    await settled();
    expect((await fired(loud.id)).map((e) => [e.data.ruleVersion, e.data.ruleName])).toEqual([[2, 'Tag Urdu speakers']]);
  });
});
