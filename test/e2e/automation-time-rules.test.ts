import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { AutomationService } from '../../apps/api/src/automation/reactors/automation.service';
import { admin, agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';

interface StoredEvent {
  type: string;
  position: string;
  data: Record<string, any>;
  metadata: { actor: { id: string }; automation?: { ruleId: string; depth: number } };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('time-based rules: clocks that run out, found by index, fired once per run of the clock', () => {
  let t: TestApp;
  // Monday 2026-01-05 09:00 in Karachi (04:00 UTC): the office has just opened.
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  const automation = () => t.app.get(AutomationService);
  const store = () => t.app.get<EventStore>(EVENT_STORE);
  const settled = () => waitUntil('the automation reactor to reach the head', async () => automation().reactor!.waitFor(await store().headPosition(), 1000));
  const createRule = async (body: object) => {
    const rule = (await t.http.post('/automation/rules').set(t.as(supervisor)).send({ enabled: true, ...body }).expect(201)).body as { id: string };
    await settled();
    return rule;
  };
  const submit = async (overrides: Record<string, unknown> = {}) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string };
  const events = async (ticketId: string) => (await t.http.get(`/tickets/${ticketId}/events`).set(t.as(admin)).expect(200)).body as StoredEvent[];
  const fired = async (ticketId: string) => (await events(ticketId)).filter((e) => e.type === 'RuleFired');
  const act = async (ticketId: string, command: string, body: object = {}, who = agent()) => t.http.post(`/tickets/${ticketId}/${command}`).set(t.as(who)).send(body).expect(200);
  const onHold = async (ticketId: string) => {
    await act(ticketId, 'assign', { agentId: 'agent-ali' }, supervisor);
    await act(ticketId, 'start');
    await act(ticketId, 'wait', { note: 'Asked for a screenshot' });
  };
  /**
   * Runs the time-based rules as of the clock now and answers which of `tickets` carry a firing.
   * The watch's own timer may have run them first (it wakes on ticket events), so the tickets'
   * histories are the answer, not what this one call did.
   */
  const firedAmong = async (...tickets: Array<{ id: string }>) => {
    await settled();
    await automation().runDue();
    const out: string[] = [];
    for (const { id } of tickets) if ((await fired(id)).length) out.push(id);
    return out;
  };

  it('nudges a customer after 2 business hours on hold, counting only office hours, once; not when they answered first', async () => {
    await createRule({
      name: 'Nudge silent customers',
      schedule: { clock: 'waiting_on_customer', amount: 2, unit: 'business_hours' },
      conditions: [{ field: 'priority', op: 'is_not', values: ['low'] }],
      actions: [
        { type: 'public_reply', text: { en: 'Dear {{customer.name}}, we still need your answer on {{ticket.number}}.', ur: '{{customer.name}}، {{ticket.number}} پر ہمیں ابھی آپ کے جواب کا انتظار ہے۔' } },
        { type: 'add_tags', tags: ['nudged'] },
      ],
    });
    const silent = await submit();
    const answered = await submit();
    await onHold(silent.id);
    await onHold(answered.id);

    t.clock.advance(2 * HOUR - MINUTE); // 10:59
    expect(await firedAmong(silent, answered)).toEqual([]);
    await t.http.post(`/tickets/${answered.id}/comments`).set(t.as(customer)).send({ body: 'Here is the screenshot.', visibility: 'public' }).expect(200);
    t.clock.advance(MINUTE); // 11:00: two business hours on hold
    expect(await firedAmong(silent, answered)).toEqual([silent.id]);
    expect(await firedAmong(silent, answered)).toEqual([silent.id]);
    expect(await fired(silent.id)).toHaveLength(1);

    const [firing] = await fired(silent.id);
    expect(firing.data).toMatchObject({
      ruleName: 'Nudge silent customers',
      trigger: { kind: 'time', clock: 'waiting_on_customer', since: '2026-01-05T04:00:00.000Z', dueAt: '2026-01-05T06:00:00.000Z' },
      matched: ['waiting on customer for 2 business hours', 'priority is not low (it is medium)'],
      actions: ['replied to the customer', 'tagged nudged'],
      depth: 1,
    });
    const reply = (await events(silent.id)).filter((e) => e.type === 'CommentAdded' && e.metadata.automation).at(-1)!;
    expect(reply.data.body).toBe(`Ayesha Khan، ${silent.number} پر ہمیں ابھی آپ کے جواب کا انتظار ہے۔`);
    expect(await fired(answered.id)).toEqual([]);

    // Put on hold at 17:00: two business hours are up at 10:00 the next morning, not at 19:00.
    t.clock.set('2026-01-05T12:00:00.000Z');
    const evening = await submit();
    await onHold(evening.id);
    t.clock.set('2026-01-05T15:00:00.000Z'); // 20:00 in Karachi
    expect(await firedAmong(evening)).toEqual([]);
    t.clock.set('2026-01-06T05:00:00.000Z'); // Tuesday 10:00
    expect(await firedAmong(evening)).toEqual([evening.id]);
  });

  it('raises a ticket left unassigned for 30 minutes, never twice for one wait, and not one assigned in time', async () => {
    await createRule({ name: 'Unassigned too long', schedule: { clock: 'unassigned', amount: 30, unit: 'minutes' }, conditions: [], actions: [{ type: 'set_priority', priority: 'high' }, { type: 'internal_note', text: { en: 'Unassigned for 30 minutes: {{ticket.number}}', ur: null } }] });
    const waiting = await submit();
    const taken = await submit();
    t.clock.advance(10 * MINUTE);
    await act(taken.id, 'assign', { agentId: 'agent-ali' }, supervisor);
    t.clock.advance(19 * MINUTE);
    expect(await firedAmong(waiting, taken)).toEqual([]);
    t.clock.advance(MINUTE);
    expect(await firedAmong(waiting, taken)).toEqual([waiting.id]);
    t.clock.advance(HOUR);
    expect(await firedAmong(waiting, taken)).toEqual([waiting.id]);
    const firings = await fired(waiting.id);
    expect(firings).toHaveLength(1);
    expect(firings[0].data.actions).toEqual(['priority set to high', 'added an internal note']);
    expect(await fired(taken.id)).toEqual([]);
  });

  it('reminds the team when a resolution has gone unanswered for 2 days; a confirmed one is left alone', async () => {
    await createRule({ name: 'Resolved, no answer', schedule: { clock: 'resolved_unanswered', amount: 2, unit: 'days' }, conditions: [], actions: [{ type: 'add_tags', tags: ['no-answer'] }] });
    const [quiet, happy] = [await submit(), await submit()];
    for (const ticket of [quiet, happy]) {
      await act(ticket.id, 'assign', { agentId: 'agent-ali' }, supervisor);
      await act(ticket.id, 'start');
      await act(ticket.id, 'resolve', { resolution: 'Reset the password.' });
    }
    await act(happy.id, 'confirm', {}, customer);
    t.clock.advance(2 * 24 * HOUR - MINUTE);
    expect(await firedAmong(quiet, happy)).toEqual([]);
    t.clock.advance(MINUTE);
    expect(await firedAmong(quiet, happy)).toEqual([quiet.id]);
    await waitUntil('the tag on the read side', async () => ((await t.http.get(`/tickets/${quiet.id}`).set(t.as(admin))).body.tags ?? []).includes('no-answer'));
    const view = (await t.http.get(`/tickets/${quiet.id}`).set(t.as(admin)).expect(200)).body;
    expect(view.status).toBe('resolved');
  });
});
