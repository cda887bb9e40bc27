import Database from 'better-sqlite3';
import { join } from 'node:path';
import { agent, auditor, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

const mallory: TestUser = { id: '@mallory', role: 'customer', email: 'mallory@example.pk' };
const MINUTE = 60_000;

describe('auditors over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ users: [mallory] })));
  afterEach(async () => t.destroy());

  /** A worked ticket, each step a few minutes after the previous one. */
  async function workedTicket() {
    const step = async (path: string, who: TestUser, body: object = {}) => {
      t.clock.advance(7 * MINUTE);
      return (await t.http.post(path).set(t.as(who)).send(body).expect((r) => expect(r.status).toBeLessThan(300))).body;
    };
    const ticket = await step('/tickets', customer, newTicket());
    const id = ticket.id as string;
    await step(`/tickets/${id}/assign`, supervisor, { agentId: 'agent-ali' });
    await step(`/tickets/${id}/acknowledge`, agent('agent-ali'));
    await step(`/tickets/${id}/start`, agent('agent-ali'));
    await step(`/tickets/${id}/comments`, agent('agent-ali'), { body: 'Resetting your account now.', visibility: 'public' });
    const last = await step(`/tickets/${id}/resolve`, agent('agent-ali'), { resolution: 'Password reset' });
    return { id, last };
  }

  it('replays the history with actor, time, revision, position and a sentence in English or Urdu', async () => {
    const { id } = await workedTicket();
    const en = (await t.http.get(`/tickets/${id}/history`).set(t.as(auditor)).expect(200)).body.items;
    expect(en.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(en[1]).toMatchObject({ type: 'TicketAssigned', actor: { id: 'sup-sana', role: 'supervisor' }, occurredAt: '2026-01-05T04:14:00.000Z' });
    expect(en[1].sentence).toBe('Supervisor sup-sana assigned the ticket to agent-ali.');
    expect(en[5].sentence).toBe('Agent agent-ali resolved the ticket: Password reset');
    expect(en[6].sentence).toBe('The customer was asked to rate the resolution.');
    const ur = (await t.http.get(`/tickets/${id}/history`).query({ lang: 'ur' }).set(t.as(auditor)).expect(200)).body.items;
    expect(ur[1].sentence).toBe('نگران sup-sana نے ٹکٹ agent-ali کے سپرد کیا۔');
    await t.http.get(`/tickets/${id}/history`).query({ lang: 'fr' }).set(t.as(auditor)).expect(400);
  });

  it('gives the state at any instant as the fold of the history up to it', async () => {
    const { id } = await workedTicket();
    const history = (await t.http.get(`/tickets/${id}/history`).set(t.as(auditor)).expect(200)).body.items as Array<{ revision: number; occurredAt: string }>;
    const expectedStatus = ['new', 'assigned', 'assigned', 'in_progress', 'in_progress', 'resolved', 'resolved'];
    for (const entry of history) {
      for (const offset of [0, 3 * MINUTE]) {
        const at = new Date(new Date(entry.occurredAt).getTime() + offset).toISOString();
        const res = await t.http.get(`/tickets/${id}/state`).query({ at }).set(t.as(auditor)).expect(200);
        // Events appended together (a resolution and its satisfaction offer) share an instant: the state then is after the last.
        const revision = Math.max(...history.filter((h) => h.occurredAt <= at).map((h) => h.revision));
        expect({ at, revision: res.body.revision, status: res.body.state.status }).toEqual({ at, revision, status: expectedStatus[revision] });
      }
      const byRevision = await t.http.get(`/tickets/${id}/state`).query({ revision: entry.revision }).set(t.as(auditor)).expect(200);
      expect(byRevision.body.state.status).toBe(expectedStatus[entry.revision]);
    }
    expect((await t.http.get(`/tickets/${id}/state`).query({ at: '2026-01-05T04:06:59.999Z' }).set(t.as(auditor)).expect(404)).body.type).toBe('urn:helpdesk:problem:not-yet-submitted');
    await t.http.get(`/tickets/${id}/state`).set(t.as(auditor)).expect(400);
    await t.http.get(`/tickets/${id}/state`).query({ at: 'yesterday' }).set(t.as(auditor)).expect(400);
  });

  it('verifies the hash chain, and names the event edited behind the store’s back', async () => {
    const { id } = await workedTicket();
    expect((await t.http.get('/audit/verify').query({ ticket: id }).set(t.as(auditor)).expect(200)).body).toMatchObject({ ticketId: id, ok: true, events: 7 });

    const db = new Database(join(t.dataDir, 'events.db'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.agentId', 'agent-mallory') WHERE stream_id = ? AND revision = 1`).run(`ticket-${id}`);
    db.close();

    const verdict = (await t.http.get('/audit/verify').query({ ticket: id }).set(t.as(auditor)).expect(200)).body;
    expect(verdict).toMatchObject({ ok: false, firstBroken: { revision: 1, reason: expect.stringMatching(/content does not match/) } });
    await t.http.get('/audit/verify').query({ ticket: 'nope' }).set(t.as(auditor)).expect(400);
  });

  it('filters the audit trail and exports it as CSV and NDJSON', async () => {
    await workedTicket();
    t.clock.advance(MINUTE);
    const last = (await t.http.post('/tickets').set(t.as(mallory)).send(newTicket({ subject: 'فارمولا', customer: { name: 'Mallory', email: mallory.email, timezone: 'Asia/Karachi', language: 'en' } })).expect(201)).body;
    const all = (await t.http.get('/audit/trail').query({ consistentWith: last.position, limit: 100 }).set(t.as(auditor)).expect(200)).body.items;
    expect(all).toHaveLength(8);
    const byAli = (await t.http.get('/audit/trail').query({ actor: 'agent-ali' }).set(t.as(auditor)).expect(200)).body.items;
    expect(byAli.map((e: { type: string }) => e.type).sort()).toEqual(['AssignmentAcknowledged', 'CommentAdded', 'SatisfactionOffered', 'TicketResolved', 'WorkStarted']);
    const window = (await t.http.get('/audit/trail').query({ from: '2026-01-05T04:14:00Z', to: '2026-01-05T04:28:00Z' }).set(t.as(auditor)).expect(200)).body.items;
    expect(window.map((e: { type: string }) => e.type)).toEqual(['AssignmentAcknowledged', 'TicketAssigned']);

    const ndjson = await t.http.get('/audit/trail').query({ format: 'ndjson', type: 'TicketSubmitted' }).set(t.as(auditor)).expect(200);
    expect(ndjson.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = ndjson.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);

    const csv = await t.http.get('/audit/trail').query({ format: 'csv' }).set(t.as(auditor)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    expect(rows[0]).toBe('position,occurredAt,ticketId,number,revision,type,actorId,actorRole,category,changes,correlationId');
    expect(rows).toHaveLength(9);
    expect(rows[1]).toContain(",'@mallory,customer,"); // a formula-looking cell is neutralised
  });
});
