import { randomUUID } from 'node:crypto';
import { TicketCommandRunner } from '@helpdesk/application';
import { planRuleFiring, RULE_ACTION_TYPES, RULE_CONDITION_FIELDS, ruleStreamId, foldRule, RuleEvent } from '@helpdesk/automation';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { admin, agent, auditor, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

/** A trigger as a supervisor would write it: incidents about passwords go to high priority, tagged, with a note. */
const PASSWORD_INCIDENTS = {
  name: 'Password incidents',
  description: 'Sign-in trouble is urgent for visa filings',
  events: ['TicketSubmitted'],
  conditions: [
    { field: 'category', op: 'is', values: ['incident'] },
    { field: 'text', op: 'contains', values: ['PASSWORD'] },
  ],
  actions: [
    { type: 'set_priority', priority: 'high' },
    { type: 'add_tags', tags: ['Login Trouble'] },
    { type: 'internal_note', text: { en: 'Raised by {{rule.name}} on {{ticket.number}}' } },
  ],
};

/** A time-based rule: a ticket on hold for six business hours gets a nudge. */
const NUDGE = {
  name: 'Nudge the customer',
  schedule: { clock: 'waiting_on_customer', amount: 6, unit: 'business_hours' },
  conditions: [],
  actions: [
    { type: 'public_reply', text: { en: 'Any news about {{ticket.number}}, {{customer.name}}?', ur: '{{customer.name}}، {{ticket.number}} کے بارے میں کوئی خبر؟' } },
    { type: 'add_tags', tags: ['nudged'] },
  ],
};

interface RuleAnswer {
  id: string;
  revision: number;
  position: string;
  version: number;
}

describe('automation rules over HTTP', () => {
  let t: TestApp;
  // Nothing may change tickets behind the test's back: no routing, SLA watch, auto-close or live rules.
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false', RUN_SLA_WATCH: 'false', RUN_AUTO_CLOSE: 'false', RUN_AUTOMATION: 'false' } })));
  afterEach(async () => t.destroy());

  const create = async (body: object, who: TestUser = supervisor): Promise<RuleAnswer> => (await t.http.post('/automation/rules').set(t.as(who)).send(body).expect(201)).body;
  const list = async (position: string, query: Record<string, string> = {}) =>
    (await t.http.get('/automation/rules').query({ consistentWith: position, ...query }).set(t.as(supervisor)).expect(200)).body.items as Array<Record<string, unknown>>;
  const names = async (position: string, query: Record<string, string> = {}) => (await list(position, query)).map((r) => r.name);
  const submit = async (overrides: Record<string, unknown> = {}) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string; position: string };
  const backtest = (body: object, who: TestUser = supervisor) => t.http.post('/automation/rules/backtest').set(t.as(who)).send(body);

  it('keeps rules as versioned drafts, lists them in the order they run, and enables, disables and reorders them', async () => {
    const first = await create(PASSWORD_INCIDENTS);
    expect(first).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, version: 1, position: expect.any(String) });
    const got = await t.http.get(`/automation/rules/${first.id}`).query({ consistentWith: first.position }).set(t.as(auditor)).expect(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body).toEqual({
      id: first.id,
      name: 'Password incidents',
      description: 'Sign-in trouble is urgent for visa filings',
      kind: 'trigger',
      events: ['TicketSubmitted'],
      schedule: null,
      conditions: PASSWORD_INCIDENTS.conditions,
      actions: [PASSWORD_INCIDENTS.actions[0], { type: 'add_tags', tags: ['login-trouble'] }, { type: 'internal_note', text: { en: 'Raised by {{rule.name}} on {{ticket.number}}', ur: null } }],
      enabled: false,
      order: 10,
      version: 1,
      revision: 0,
      createdAt: t.clock.now().toISOString(),
      updatedAt: t.clock.now().toISOString(),
      updatedBy: supervisor.id,
      firedCount: 0,
      lastFiredAt: null,
    });

    // Each new rule goes after the last, unless it says where; equal orders run by id.
    const second = await create({ ...NUDGE, enabled: true }, admin);
    const third = await create({ ...PASSWORD_INCIDENTS, name: 'Runs first', order: 5 });
    expect(await names(third.position)).toEqual(['Runs first', 'Password incidents', 'Nudge the customer']);
    expect((await list(third.position)).map((r) => r.order)).toEqual([5, 10, 20]);
    expect(await names(third.position, { enabled: 'true' })).toEqual(['Nudge the customer']);
    expect(await names(third.position, { enabled: 'false' })).toEqual(['Runs first', 'Password incidents']);
    expect(await names(third.position, { kind: 'time' })).toEqual(['Nudge the customer']);
    expect(await names(third.position, { kind: 'trigger', enabled: 'false' })).toEqual(['Runs first', 'Password incidents']);

    const moved = (await t.http.post(`/automation/rules/${second.id}/reorder`).set(t.as(supervisor)).send({ order: 0 }).expect(200)).body;
    expect(await names(moved.position)).toEqual(['Nudge the customer', 'Runs first', 'Password incidents']);
    const disabled = (await t.http.post(`/automation/rules/${second.id}/disable`).set(t.as(supervisor)).send({ reason: 'too chatty' }).expect(200)).body;
    const enabled = (await t.http.post(`/automation/rules/${first.id}/enable`).set(t.as(admin)).send({}).expect(200)).body;
    expect(enabled).toMatchObject({ id: first.id, revision: 1, version: 1 });
    expect(await names(enabled.position, { enabled: 'true' })).toEqual(['Password incidents']);
    expect(await names(disabled.position, { enabled: 'false' })).toEqual(['Nudge the customer', 'Runs first']);

    // A change is the whole next version; If-Match guards it like a ticket's.
    const changed = await t.http.put(`/automation/rules/${first.id}`).set(t.as(supervisor)).set('If-Match', '"1"').send({ ...PASSWORD_INCIDENTS, conditions: [] }).expect(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ revision: 2, version: 2 });
    const stale = await t.http.put(`/automation/rules/${first.id}`).set(t.as(supervisor)).set('If-Match', '"1"').send({ ...PASSWORD_INCIDENTS, name: 'Other' }).expect(409);
    expect(stale.body.type).toBe('urn:helpdesk:problem:concurrency-conflict');
    const view = (await t.http.get(`/automation/rules/${first.id}`).query({ consistentWith: changed.body.position }).set(t.as(admin)).expect(200)).body;
    expect(view).toMatchObject({ version: 2, revision: 2, conditions: [], enabled: true, name: 'Password incidents' });

    // The history is the rule's stream.
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(ruleStreamId(first.id));
    expect(stream.map((e) => e.type)).toEqual(['RuleCreated', 'RuleEnabled', 'RuleChanged']);
    expect((await t.app.get<EventStore>(EVENT_STORE).readStream(ruleStreamId(second.id))).map((e) => e.type)).toEqual(['RuleCreated', 'RuleEnabled', 'RuleReordered', 'RuleDisabled']);
  });

  it('answers a retried creation with the same rule (Idempotency-Key)', async () => {
    const once = await t.http.post('/automation/rules').set(t.as(supervisor)).set('Idempotency-Key', 'rule-1').send(PASSWORD_INCIDENTS).expect(201);
    const again = await t.http.post('/automation/rules').set(t.as(supervisor)).set('Idempotency-Key', 'rule-1').send(PASSWORD_INCIDENTS).expect(201);
    expect(again.body).toEqual(once.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await names(once.body.position)).toEqual(['Password incidents']);
  });

  it('refuses a bad rule, naming what is wrong, and records nothing', async () => {
    const refusals: Array<[object, string, RegExp]> = [
      [{ ...PASSWORD_INCIDENTS, schedule: NUDGE.schedule }, 'invalid-command', /either waits for ticket events \(events\) or for a clock \(schedule\): give exactly one/],
      [{ ...PASSWORD_INCIDENTS, events: [] }, 'invalid-command', /give exactly one/],
      [{ ...PASSWORD_INCIDENTS, events: ['TicketExploded'] }, 'invalid-command', /events: "TicketExploded" is not an event a rule can wait for/],
      [{ ...PASSWORD_INCIDENTS, events: ['RuleFired'] }, 'invalid-command', /"RuleFired" is not an event a rule can wait for/],
      [{ ...PASSWORD_INCIDENTS, conditions: [{ field: 'channel', op: 'contains', values: ['web'] }] }, 'invalid-command', /conditions\[0\]\.op: channel takes is, is_not/],
      [{ ...PASSWORD_INCIDENTS, conditions: [{ field: 'mood', op: 'is', values: ['angry'] }] }, 'invalid-command', /conditions\[0\]\.field: one of channel, category/],
      [{ ...PASSWORD_INCIDENTS, conditions: [{ field: 'priority', op: 'is', values: ['urgent'] }] }, 'invalid-command', /conditions\[0\]\.values: "urgent" is not one of low, medium, high/],
      [{ ...PASSWORD_INCIDENTS, conditions: [{ field: 'customer_domain', op: 'is', values: ['not a domain'] }] }, 'invalid-command', /"not a domain" is not a domain/],
      [{ ...PASSWORD_INCIDENTS, actions: [] }, 'invalid-command', /actions: 1-10 actions/],
      [{ ...PASSWORD_INCIDENTS, actions: [{ type: 'delete_ticket' }] }, 'invalid-command', /actions\[0\]\.type: one of set_priority/],
      [{ ...PASSWORD_INCIDENTS, actions: [{ type: 'public_reply', text: { en: 'Hi {{customer.email}}' } }] }, 'invalid-command', /actions\[0\]\.text\.en: \{\{customer\.email\}\} is not a placeholder/],
      [{ ...PASSWORD_INCIDENTS, actions: [{ type: 'notify', to: 'nobody', subject: 'x', text: { en: 'y' } }] }, 'invalid-command', /actions\[0\]\.to: "assignee" or an email address/],
      [{ ...NUDGE, schedule: { clock: 'waiting_on_customer', amount: 400, unit: 'days' } }, 'invalid-command', /schedule\.amount: a whole number of days from 1 to 365/],
      [{ ...NUDGE, schedule: { clock: 'forever', amount: 1, unit: 'days' } }, 'validation-failed', /schedule\.clock: clock must be one of/],
      [{ ...PASSWORD_INCIDENTS, name: '   ' }, 'invalid-command', /name: 1-100 characters/],
      [{ ...PASSWORD_INCIDENTS, name: undefined }, 'validation-failed', /name: .*name must be a string/],
      [{ ...PASSWORD_INCIDENTS, order: -1 }, 'validation-failed', /order: order must not be less than 0/],
      [{ ...PASSWORD_INCIDENTS, conditions: ['category is incident'] }, 'validation-failed', /conditions: each value in conditions must be an object/],
      [{ ...PASSWORD_INCIDENTS, priority: 'high' }, 'validation-failed', /property priority should not exist/],
    ];
    for (const [body, type, detail] of refusals) {
      const res = await t.http.post('/automation/rules').set(t.as(supervisor)).send(body);
      expect({ body, status: res.status, type: res.body.type, detail: res.body.detail }).toEqual({ body, status: 400, type: `urn:helpdesk:problem:${type}`, detail: expect.stringMatching(detail) });
    }
    const rule = await create(PASSWORD_INCIDENTS);
    expect(await names(rule.position)).toEqual(['Password incidents']); // nothing of the refused ones
    await t.http.post(`/automation/rules/${rule.id}/disable`).set(t.as(supervisor)).send({}).expect(409);
    await t.http.post(`/automation/rules/${rule.id}/enable`).set(t.as(supervisor)).send({}).expect(200);
    const twice = await t.http.post(`/automation/rules/${rule.id}/enable`).set(t.as(supervisor)).send({}).expect(409);
    expect(twice.body).toMatchObject({ type: 'urn:helpdesk:problem:illegal-transition', detail: 'Rule "Password incidents" is already enabled.' });
    const same = await t.http.put(`/automation/rules/${rule.id}`).set(t.as(supervisor)).send(PASSWORD_INCIDENTS).expect(409);
    expect(same.body.detail).toMatch(/already reads so/);
    expect((await t.http.post(`/automation/rules/${rule.id}/reorder`).set(t.as(supervisor)).send({ order: 1.5 }).expect(400)).body.detail).toMatch(/order must be an integer/);

    const unknown = randomUUID();
    for (const res of [
      await t.http.get(`/automation/rules/${unknown}`).set(t.as(supervisor)),
      await t.http.get('/automation/rules/not-a-rule').set(t.as(supervisor)),
      await t.http.post(`/automation/rules/${unknown}/enable`).set(t.as(supervisor)).send({}),
      await t.http.put(`/automation/rules/${unknown}`).set(t.as(supervisor)).send(PASSWORD_INCIDENTS),
      await t.http.post(`/automation/rules/${unknown}/backtest`).set(t.as(supervisor)).send({}),
    ]) {
      expect({ status: res.status, type: res.body.type }).toEqual({ status: 404, type: 'urn:helpdesk:problem:rule-not-found' });
    }
    expect((await backtest({ rule: PASSWORD_INCIDENTS, days: 91 }).expect(400)).body.detail).toMatch(/days: days must not be greater than 90/);
    expect((await backtest({ rule: { ...PASSWORD_INCIDENTS, actions: [] } }).expect(400)).body.detail).toMatch(/actions: 1-10 actions/);
    expect((await backtest({ days: 7 }).expect(400)).body.detail).toMatch(/rule: rule must be an object/);
    expect((await backtest({ rule: { ...NUDGE, schedule: 'daily' } }).expect(400)).body.detail).toMatch(/schedule/);
  });

  it('backtests a draft trigger over the tickets of the last days: which it would have matched, and what it would have done', async () => {
    const password = await submit();
    const invoice = await submit({ category: 'question', subject: 'Invoice copy', description: 'Please send my invoice again.', errorMessages: [] });
    const slow = await submit({ subject: 'Portal slow', description: 'Pages take a minute to load.', errorMessages: [] });
    const histories = async () => Promise.all([password, invoice, slow].map(async (x) => (await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${x.id}`)).length));
    const before = await histories();

    const result = (await backtest({ rule: PASSWORD_INCIDENTS, days: 7 }).expect(200)).body;
    expect(result).toEqual({
      from: new Date(t.clock.now().getTime() - 7 * 86_400_000).toISOString(),
      to: t.clock.now().toISOString(),
      eventsExamined: 3,
      ticketsExamined: 3,
      matchCount: 1,
      ticketCount: 1,
      matches: [
        {
          ticketId: password.id,
          number: password.number,
          at: t.clock.now().toISOString(),
          trigger: { kind: 'event', eventId: expect.any(String), eventType: 'TicketSubmitted' },
          matched: ['category is incident (it is incident)', 'text contains "PASSWORD"'],
          actions: ['priority set to high', 'tagged login-trouble', 'added an internal note'],
        },
      ],
    });
    const submitted = (await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${password.id}`))[0];
    expect(result.matches[0].trigger.eventId).toBe(submitted.id);

    // A rule none of them meets matches none; an empty window examines nothing.
    const none = (await backtest({ rule: { ...PASSWORD_INCIDENTS, conditions: [{ field: 'category', op: 'is', values: ['feature_request'] }] } }).expect(200)).body;
    expect(none).toMatchObject({ eventsExamined: 3, ticketsExamined: 3, matchCount: 0, ticketCount: 0, matches: [] });
    const questions = (await backtest({ rule: { ...PASSWORD_INCIDENTS, conditions: [{ field: 'category', op: 'is_not', values: ['incident'] }], actions: [{ type: 'set_category', category: 'incident' }] } }).expect(200)).body;
    expect(questions.matches.map((m: { ticketId: string; actions: string[] }) => [m.ticketId, m.actions])).toEqual([[invoice.id, ['category set to incident']]]);
    expect(slow.id).not.toBe(invoice.id);

    // A saved rule is backtested as its stream has it now, a change included at once.
    const saved = await create(PASSWORD_INCIDENTS);
    const byId = (await t.http.post(`/automation/rules/${saved.id}/backtest`).set(t.as(admin)).send({ days: 1 }).expect(200)).body;
    expect(byId.matches.map((m: { ticketId: string }) => m.ticketId)).toEqual([password.id]);
    await t.http.put(`/automation/rules/${saved.id}`).set(t.as(supervisor)).send({ ...PASSWORD_INCIDENTS, conditions: [{ field: 'text', op: 'contains', values: ['slow'] }] }).expect(200);
    const changed = (await t.http.post(`/automation/rules/${saved.id}/backtest`).set(t.as(admin)).send({}).expect(200)).body;
    expect(changed.matches.map((m: { ticketId: string }) => m.ticketId)).toEqual([slow.id]);

    t.clock.set(new Date(t.clock.now().getTime() + 2 * 86_400_000));
    const later = (await backtest({ rule: PASSWORD_INCIDENTS, days: 1 }).expect(200)).body;
    expect(later).toMatchObject({ eventsExamined: 0, ticketsExamined: 0, matchCount: 0, matches: [] });
    // Backtests write nothing.
    expect(await histories()).toEqual(before);
  });

  it('backtests a draft time-based rule: a ticket left on hold past the duration, not one resumed before it', async () => {
    const onHold = async () => {
      const ticket = await submit();
      await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
      await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent())).send({}).expect(200);
      await t.http.post(`/tickets/${ticket.id}/wait`).set(t.as(agent())).send({ note: 'Asked for a screenshot' }).expect(200);
      return ticket;
    };
    const heldAt = t.clock.now(); // Monday 09:00 in Karachi, when the office opens
    const forgotten = await onHold();
    const answered = await onHold();
    t.clock.set(new Date(heldAt.getTime() + 2 * 3_600_000));
    await t.http.post(`/tickets/${answered.id}/comments`).set(t.as(customer)).send({ body: 'Here it is', visibility: 'public' }).expect(200);
    t.clock.set(new Date(heldAt.getTime() + 3 * 86_400_000));

    const result = (await backtest({ rule: NUDGE, days: 7 }).expect(200)).body;
    // Six business hours: 09:00-13:00, the lunch hour off, then 14:00-16:00 Karachi time (11:00 UTC).
    const dueAt = '2026-01-05T11:00:00.000Z';
    expect(result).toMatchObject({ ticketsExamined: 2, matchCount: 1, ticketCount: 1 });
    expect(result.matches).toEqual([
      {
        ticketId: forgotten.id,
        number: forgotten.number,
        at: dueAt,
        trigger: { kind: 'time', clock: 'waiting_on_customer', since: heldAt.toISOString(), dueAt },
        matched: ['waiting on customer for 6 business hours'],
        actions: ['replied to the customer', 'tagged nudged'],
      },
    ]);
    // Before the clock ran out there was nothing to match.
    t.clock.set(new Date(Date.parse(dueAt) - 1));
    expect((await backtest({ rule: NUDGE }).expect(200)).body.matches).toEqual([]);
    // A condition that does not hold when the clock runs out holds the rule back.
    t.clock.set(new Date(heldAt.getTime() + 3 * 86_400_000));
    const urgentOnly = (await backtest({ rule: { ...NUDGE, conditions: [{ field: 'priority', op: 'is', values: ['high'] }] } }).expect(200)).body;
    expect(urgentOnly).toMatchObject({ matchCount: 0, matches: [] });
  });

  it('lists every firing, newest first, and counts a rule’s applied firings', async () => {
    const rule = await create(PASSWORD_INCIDENTS);
    const ticket = await submit();
    const other = await submit({ subject: 'Password again' });
    // What the automation reactor records, through the same ticket commands, as the system.
    const fire = async (ticketId: string, depth: number) => {
      const current = foldRule((await t.app.get<EventStore>(EVENT_STORE).readStream(ruleStreamId(rule.id))).map((e) => ({ type: e.type, data: e.data }) as RuleEvent))!;
      const trigger = { kind: 'event' as const, eventId: randomUUID(), eventType: 'TicketSubmitted' };
      const envelope = { actor: { id: 'automation', role: 'system' as const }, scope: {}, correlationId: randomUUID() };
      return t.app.get(TicketCommandRunner).executeAll(ticketId, (state) => planRuleFiring({ rule: current, ticket: state, trigger, matched: ['category is incident (it is incident)'], depth, commentIds: [randomUUID(), randomUUID(), randomUUID()] }).commands, envelope);
    };
    await fire(ticket.id, 0);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const stopped = await fire(other.id, 5);

    const page = (await t.http.get('/automation/firings').query({ consistentWith: stopped.position.toString() }).set(t.as(auditor)).expect(200)).body;
    expect(page).toMatchObject({ total: 2, nextCursor: null });
    expect(page.items).toEqual([
      expect.objectContaining({ ruleId: rule.id, ruleVersion: 1, ruleName: 'Password incidents', ticketId: other.id, outcome: 'loop_stopped', depth: 6, reason: expect.stringMatching(/^Stopped: 5 rule firings in a row/) }),
      expect.objectContaining({
        id: expect.any(String),
        ruleId: rule.id,
        ticketId: ticket.id,
        outcome: 'applied',
        reason: null,
        depth: 1,
        trigger: expect.objectContaining({ kind: 'event', eventType: 'TicketSubmitted' }),
        matched: ['category is incident (it is incident)'],
        actions: ['priority set to high', 'tagged login-trouble', 'added an internal note'],
        at: new Date(t.clock.now().getTime() - 60_000).toISOString(),
      }),
    ]);
    const query = async (q: Record<string, string>) => (await t.http.get('/automation/firings').query({ consistentWith: stopped.position.toString(), ...q }).set(t.as(supervisor)).expect(200)).body.items.map((f: { ticketId: string }) => f.ticketId);
    expect(await query({ outcome: 'loop_stopped' })).toEqual([other.id]);
    expect(await query({ ticketId: ticket.id })).toEqual([ticket.id]);
    expect(await query({ ruleId: randomUUID() })).toEqual([]);
    const onePerPage = (await t.http.get('/automation/firings').query({ consistentWith: stopped.position.toString(), limit: 1 }).set(t.as(supervisor)).expect(200)).body;
    expect(onePerPage.items.map((f: { ticketId: string }) => f.ticketId)).toEqual([other.id]);
    const next = (await t.http.get('/automation/firings').query({ cursor: onePerPage.nextCursor, limit: 1 }).set(t.as(supervisor)).expect(200)).body;
    expect(next.items.map((f: { ticketId: string }) => f.ticketId)).toEqual([ticket.id]);

    // A firing stopped as a loop did nothing, so it is not counted.
    const view = (await t.http.get(`/automation/rules/${rule.id}`).query({ consistentWith: stopped.position.toString() }).set(t.as(supervisor)).expect(200)).body;
    expect(view).toMatchObject({ firedCount: 1, lastFiredAt: new Date(t.clock.now().getTime() - 60_000).toISOString(), revision: 0 });
    expect((await t.http.get('/automation/firings').query({ outcome: 'sometimes' }).set(t.as(supervisor)).expect(400)).body.detail).toMatch(/outcome/);
  });

  it('keeps rules to supervisors and admins; auditors read them; agents and customers get 403', async () => {
    const rule = await create(PASSWORD_INCIDENTS);
    for (const who of [agent(), customer]) {
      const attempts: Array<[string, () => PromiseLike<{ status: number; body: { type?: string } }>]> = [
        ['list', () => t.http.get('/automation/rules').set(t.as(who))],
        ['get', () => t.http.get(`/automation/rules/${rule.id}`).set(t.as(who))],
        ['create', () => t.http.post('/automation/rules').set(t.as(who)).send(PASSWORD_INCIDENTS)],
        ['change', () => t.http.put(`/automation/rules/${rule.id}`).set(t.as(who)).send(NUDGE)],
        ['enable', () => t.http.post(`/automation/rules/${rule.id}/enable`).set(t.as(who)).send({})],
        ['disable', () => t.http.post(`/automation/rules/${rule.id}/disable`).set(t.as(who)).send({})],
        ['reorder', () => t.http.post(`/automation/rules/${rule.id}/reorder`).set(t.as(who)).send({ order: 1 })],
        ['backtest a draft', () => t.http.post('/automation/rules/backtest').set(t.as(who)).send({ rule: PASSWORD_INCIDENTS })],
        ['backtest a rule', () => t.http.post(`/automation/rules/${rule.id}/backtest`).set(t.as(who)).send({})],
        ['firings', () => t.http.get('/automation/firings').set(t.as(who))],
      ];
      for (const [what, attempt] of attempts) {
        const res = await attempt();
        expect({ who: who.id, what, status: res.status, type: res.body.type }).toEqual({ who: who.id, what, status: 403, type: 'urn:helpdesk:problem:not-allowed' });
      }
    }
    await t.http.post('/automation/rules').set(t.as(auditor)).send(PASSWORD_INCIDENTS).expect(403);
    await t.http.post('/automation/rules/backtest').set(t.as(auditor)).send({ rule: PASSWORD_INCIDENTS }).expect(403);
    expect(await names(rule.position)).toEqual(['Password incidents']);
  });

  it('documents every condition and every action in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs/openapi.json').expect(200)).body;
    const schema = (name: string) => doc.components.schemas[name];
    const ref = doc.paths['/automation/rules'].post.requestBody.content['application/json'].schema.$ref as string;
    const content = schema(ref.replace('#/components/schemas/', ''));
    const fields = content.properties.conditions.items.oneOf.map((c: { properties: { field: { enum: string[] } } }) => c.properties.field.enum[0]);
    const actions = content.properties.actions.items.oneOf.map((a: { properties: { type: { enum: string[] } } }) => a.properties.type.enum[0]);
    expect(fields).toEqual([...RULE_CONDITION_FIELDS]);
    expect(actions).toEqual([...RULE_ACTION_TYPES]);
    expect(content.properties.events).toMatchObject({ type: 'array', items: { enum: expect.arrayContaining(['TicketSubmitted', 'SlaBreached']) } });
    expect(schema('RuleScheduleDto').properties).toMatchObject({ clock: { enum: ['waiting_on_customer', 'unassigned', 'resolved_unanswered'] }, unit: { enum: ['minutes', 'hours', 'days', 'business_hours'] } });
    for (const [path, method] of [
      ['/automation/rules', 'get'],
      ['/automation/rules/{id}', 'get'],
      ['/automation/rules/{id}', 'put'],
      ['/automation/rules/{id}/enable', 'post'],
      ['/automation/rules/{id}/disable', 'post'],
      ['/automation/rules/{id}/reorder', 'post'],
      ['/automation/rules/backtest', 'post'],
      ['/automation/rules/{id}/backtest', 'post'],
      ['/automation/firings', 'get'],
    ]) {
      expect({ path, method, summary: typeof doc.paths[path]?.[method]?.summary }).toEqual({ path, method, summary: 'string' });
    }
  });
});
