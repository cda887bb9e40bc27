import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { AutoCloseWatchService } from '../../apps/api/src/auto-close/auto-close-watch.service';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

const HOUR = 60 * 60 * 1000;

describe('auto-close of unanswered resolved tickets, with a clock the test controls', () => {
  let t: TestApp;
  afterEach(async () => t?.destroy());

  const watch = () => t.app.get(AutoCloseWatchService);
  const types = async (id: string) => (await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${id}`)).map((e) => `${e.type}:${(e.metadata.actor as { id: string }).id}`);
  const settled = async (position: string) => t.http.get('/tickets').query({ consistentWith: position }).set(t.as(supervisor)).expect(200);
  async function resolved() {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    await t.http.post(`/tickets/${body.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${body.id}/start`).set(t.as(agent())).send({}).expect(200);
    const res = await t.http.post(`/tickets/${body.id}/resolve`).set(t.as(agent())).send({ resolution: 'Password reset' }).expect(200);
    await settled(res.body.position);
    return body.id as string;
  }

  it('reminds the configured hours before, then closes after AUTO_CLOSE_AFTER_DAYS, each exactly once; a confirmed ticket is left alone', async () => {
    t = await startTestApp({ env: { RUN_AUTO_CLOSE: 'false', RUN_ROUTING: 'false', AUTO_CLOSE_AFTER_DAYS: '3', AUTO_CLOSE_REMINDER_HOURS: '24', SATISFACTION_LOW_SCORE_ACTION: 'none' } });
    const resolvedAt = t.clock.now().getTime();
    const silent = await resolved();
    const confirmed = await resolved();
    const ok = await t.http.post(`/tickets/${confirmed}/confirm`).set(t.as(customer)).send({}).expect(200);
    await settled(ok.body.position);

    expect((await watch().nextDue())?.getTime()).toBe(resolvedAt + 48 * HOUR);
    t.clock.set(new Date(resolvedAt + 48 * HOUR - 1000));
    expect(await watch().runDue()).toEqual([]);

    t.clock.set(new Date(resolvedAt + 48 * HOUR));
    expect(await watch().runDue()).toEqual([{ ticketId: silent, did: 'reminded' }]);
    expect(await watch().runDue()).toEqual([]); // the read model may lag: the key and the decider keep it to one
    const afterReminder = await types(silent);
    expect(afterReminder.at(-1)).toBe('AutoCloseReminded:auto-close');
    const lastPosition = String((await t.app.get<EventStore>(EVENT_STORE).headPosition()));
    await settled(lastPosition);
    expect((await watch().nextDue())?.getTime()).toBe(resolvedAt + 72 * HOUR);

    t.clock.set(new Date(resolvedAt + 72 * HOUR));
    expect(await watch().runDue()).toEqual([{ ticketId: silent, did: 'closed' }]);
    expect(await watch().runDue()).toEqual([]);
    expect((await types(silent)).slice(afterReminder.length)).toEqual(['TicketClosed:auto-close']);
    expect((await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${silent}`)).pop()!.data).toMatchObject({ reason: 'no_customer_response' });
    expect((await types(confirmed)).filter((e) => e.includes('auto-close'))).toEqual([]);
  });
});
