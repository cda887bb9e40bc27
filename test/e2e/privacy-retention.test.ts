import { EventStore } from '@helpdesk/event-store';
import { RetentionReactor } from '../../apps/api/src/privacy/retention.reactor';
import { STORED_EVENT_STORE } from '../../apps/api/src/privacy/private-event-store.factory';
import { admin, agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

async function closedTicket(t: TestApp, description: string) {
  const { id } = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ description })).expect(201)).body;
  await t.http.post(`/tickets/${id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
  await t.http.post(`/tickets/${id}/start`).set(t.as(agent())).send({}).expect(200);
  await t.http.post(`/tickets/${id}/resolve`).set(t.as(agent())).send({ resolution: 'fixed' }).expect(200);
  await t.http.post(`/tickets/${id}/confirm`).set(t.as(customer)).send({}).expect(200);
  const closed = (await t.http.post(`/tickets/${id}/close`).set(t.as(agent())).send({}).expect(200)).body;
  await t.http.get(`/tickets/${id}`).query({ consistentWith: closed.position }).set(t.as(admin)).expect(200);
  return id as string;
}

describe('retention: closed tickets past the policy', () => {
  it.each([
    ['erase', { description: '[erased]', name: '[erased]' }],
    ['anonymise', { description: 'old words kept', name: '[erased]' }],
  ])('%s: a dry run first changes nothing, then each due ticket is done exactly once; newer and open ones untouched', async (action, expected) => {
    const t = await startTestApp({ env: { RUN_ROUTING: 'false', RETENTION_CLOSED_TICKET_DAYS: '30', RETENTION_ACTION: action } });
    try {
      const old = await closedTicket(t, 'old words kept');
      t.clock.advance(40 * DAY);
      const recent = await closedTicket(t, 'recent words');
      const open = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ description: 'still open' })).expect(201)).body.id;

      const preview = (await t.http.get('/privacy/retention').set(t.as(admin)).expect(200)).body;
      expect(preview).toMatchObject({ dryRun: true, applied: 0, due: [{ ticketId: old }] });
      expect((await t.http.get(`/tickets/${old}`).set(t.as(admin)).expect(200)).body.description).toBe('old words kept');

      const reactor = t.app.get(RetentionReactor);
      expect(await reactor.run()).toMatchObject({ dryRun: false, applied: 1 });
      const after = (await t.http.get(`/tickets/${old}`).set(t.as(admin)).expect(200)).body;
      expect({ description: after.description, name: after.customer.name, status: after.status }).toEqual({ ...expected, status: 'closed' });
      expect((await t.http.get(`/tickets/${recent}`).set(t.as(admin)).expect(200)).body.description).toBe('recent words');
      expect((await t.http.get(`/tickets/${open}`).set(t.as(admin)).expect(200)).body.description).toBe('still open');

      // Again (a second round, another process): nothing more.
      expect(await reactor.run()).toMatchObject({ applied: 0, due: [] });
      const record = await t.app.get<EventStore>(STORED_EVENT_STORE).readStream(`retention-${old}`);
      expect(record.map((e) => [e.type, e.data.action])).toEqual([['RetentionApplied', action]]);
    } finally {
      await t.destroy();
    }
  });
});
