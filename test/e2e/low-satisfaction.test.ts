import { EVENT_STORE, EventStore, START } from '@helpdesk/event-store';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { TicketCommandRunner } from '@helpdesk/application';
import { LowSatisfactionReactor } from '../../apps/api/src/satisfaction/low-satisfaction.reactor';
import { LowSatisfactionService } from '../../apps/api/src/satisfaction/low-satisfaction.service';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

describe('a rating of 1 or 2 sets off the configured action, exactly once', () => {
  let t: TestApp;
  afterEach(async () => t?.destroy());

  const start = (action: string) => startTestApp({ env: { RUN_ROUTING: 'false', SATISFACTION_LOW_SCORE_ACTION: action } });
  const stream = async (id: string) => t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${id}`);
  const types = async (id: string) => (await stream(id)).map((e) => `${e.type}:${(e.metadata.actor as { id: string }).id}`);
  const reactor = () => t.app.get(LowSatisfactionService).reactor!;
  async function resolved() {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    await t.http.post(`/tickets/${body.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${body.id}/start`).set(t.as(agent())).send({}).expect(200);
    await t.http.post(`/tickets/${body.id}/resolve`).set(t.as(agent())).send({ resolution: 'Password reset' }).expect(200);
    return body.id as string;
  }
  const rate = async (id: string, score: number) => {
    const res = await t.http.post(`/tickets/${id}/satisfaction`).set(t.as(customer)).send({ score }).expect(200);
    expect(await reactor().waitFor(BigInt(res.body.position), 60_000)).toBe(true);
    return res.body;
  };
  /** The whole feed again, from the start, through a second reactor on the same checkpointed store: a redelivery. */
  const redeliverAll = async (action: 'reopen' | 'alert_supervisor') => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const again = new LowSatisfactionReactor(store, t.app.get<ReadStore>(READ_STORE), t.app.get(TicketCommandRunner), action);
    const acted: boolean[] = [];
    for await (const batch of store.subscribe(START)) {
      for (const e of batch) acted.push(await again.handle(e));
      if (batch[batch.length - 1].position >= (await store.headPosition())) break;
    }
    return acted.filter(Boolean).length;
  };

  it('reopens the ticket as the system (reopen), once, even when the rating is redelivered', async () => {
    t = await start('reopen');
    const id = await resolved();
    await rate(id, 2);
    const after = await types(id);
    expect(after.slice(-2)).toEqual(['SatisfactionRated:cust-ayesha', 'TicketReopened:satisfaction']);
    const reopened = (await stream(id)).pop()!;
    expect(reopened.data).toEqual({ reason: expect.stringContaining('rated the resolution 2 of 5') });
    expect(reopened.metadata).toMatchObject({ actor: { id: 'satisfaction', role: 'system' }, causationId: (await stream(id)).at(-2)!.id });
    expect(await redeliverAll('reopen')).toBe(0);
    expect(await types(id)).toEqual(after);
  });

  it('alerts supervisors by an internal note (alert_supervisor), once per resolution, and leaves good ratings alone', async () => {
    t = await start('alert_supervisor');
    const id = await resolved();
    await rate(id, 2);
    const changed = await rate(id, 1); // the customer changes their mind: still one alert
    const notes = (await stream(id)).filter((e) => e.type === 'CommentAdded');
    expect(notes.map((e) => [e.data.visibility, (e.metadata.actor as { id: string }).id])).toEqual([['internal', 'satisfaction']]);
    expect(notes[0].data.body).toMatch(/^Low satisfaction, for supervisors: The customer rated the resolution 2 of 5/);
    const forSupervisor = await t.http.get(`/tickets/${id}`).query({ consistentWith: changed.position }).set(t.as(supervisor)).expect(200);
    expect(forSupervisor.body.comments.map((c: { body: string }) => c.body)).toEqual([expect.stringMatching(/^Low satisfaction/)]);
    expect((await t.http.get(`/tickets/${id}`).set(t.as(customer)).expect(200)).body.comments).toEqual([]);
    expect((await t.http.get(`/tickets/${id}`).set(t.as(customer)).expect(200)).body.status).toBe('resolved');
    const before = await types(id);
    expect(await redeliverAll('alert_supervisor')).toBe(0);
    expect(await types(id)).toEqual(before);

    const happy = await resolved();
    await rate(happy, 4);
    await rate(happy, 3);
    expect((await types(happy)).filter((e) => !e.startsWith('Satisfaction'))).not.toContain('CommentAdded:satisfaction');
  });
});
