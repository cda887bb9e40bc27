import { admin, agent, analyst, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind } from '../support/wait';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);

const CATEGORIES = ['incident', 'question', 'emergency', 'alert'];
const MINUTE = 60_000;

interface RawEvent {
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  metadata: { actor: { role: string }; occurredAt: string };
}

/** Nearest-rank percentile, as documented in projections/README.md. */
const rank = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1] : null);
const karachiDay = (iso: string) => new Date(new Date(iso).getTime() + 5 * 3_600_000).toISOString().slice(0, 10);

describe('analysts over HTTP', () => {
  let t: TestApp;
  // The SLA watch would record breaches and escalate (notes, raised priorities) at moments that
  // depend on how fast the machine runs this test; what these tests count must not.
  beforeAll(async () => (t = await startTestApp({ env: { RUN_SLA_WATCH: 'false' } })));
  afterAll(async () => t.destroy());

  it('computes a generated month of metrics exactly as the raw events say', async () => {
    // Weekdays of January 2026, three tickets a day, all inside Karachi office hours
    // (10:00-13:00 PKT = 05:00-08:00 UTC), so business minutes equal wall-clock minutes here.
    const ids: string[] = [];
    let last = '0';
    const at = (iso: string) => t.clock.set(iso);
    const post = async (path: string, who: TestUser, body: object = {}) => {
      const res = await t.http.post(path).set(t.as(who)).send(body);
      expect(res.status).toBeLessThan(300);
      last = res.body.position;
      return res.body;
    };
    for (let day = 5; day <= 30; day++) {
      const date = new Date(Date.UTC(2026, 0, day));
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      for (let k = 0; k < 3; k++) {
        const n = ids.length;
        const base = date.getTime() + 5 * 3_600_000 + k * 10 * MINUTE;
        at(new Date(base).toISOString());
        const { id } = await post('/tickets', customer, newTicket({ subject: `ticket ${n}`, category: CATEGORIES[n % 4] }));
        ids.push(id);
        if (n % 5 === 4) continue; // never answered
        at(new Date(base + 2 * MINUTE).toISOString());
        await post(`/tickets/${id}/assign`, supervisor, { agentId: n % 2 ? 'agent-ali' : 'agent-sara' });
        const assignee = agent(n % 2 ? 'agent-ali' : 'agent-sara');
        at(new Date(base + (15 + 7 * (n % 6)) * MINUTE).toISOString());
        await post(`/tickets/${id}/comments`, assignee, { body: 'Looking into it', visibility: 'public' });
        if (n % 3 === 0) continue; // still being worked
        at(new Date(base + (60 + 11 * (n % 4)) * MINUTE).toISOString());
        await post(`/tickets/${id}/start`, assignee);
        await post(`/tickets/${id}/resolve`, assignee, { resolution: 'Fixed' });
        at(new Date(base + 100 * MINUTE).toISOString());
        if (n % 4 === 1) {
          await post(`/tickets/${id}/reject`, customer, { reason: 'Still broken' });
        } else {
          await post(`/tickets/${id}/confirm`, customer);
          await post(`/tickets/${id}/close`, assignee);
        }
      }
    }

    // The expected figures, from the raw events alone.
    type Figures = { ticketsIn: number; resolved: number; closed: number; reopened: number; fr: number[]; res: number[] };
    const expected = new Map<string, Figures>();
    const cell = (day: string, category: string) => {
      const key = `${day}|${category}`;
      if (!expected.has(key)) expected.set(key, { ticketsIn: 0, resolved: 0, closed: 0, reopened: 0, fr: [], res: [] });
      return expected.get(key)!;
    };
    for (const id of ids) {
      const events = (await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body as RawEvent[];
      const submitted = events[0].metadata.occurredAt;
      const category = events[0].data.category as string;
      const minutes = (iso: string) => Math.round((new Date(iso).getTime() - new Date(submitted).getTime()) / MINUTE);
      let answered = false;
      for (const e of events) {
        const when = e.metadata.occurredAt;
        const firstResponse = e.type === 'CommentAdded' && !answered && e.data.visibility === 'public' && e.metadata.actor.role === 'agent';
        const counted = ['TicketSubmitted', 'TicketResolved', 'TicketClosed', 'TicketReopened'].includes(e.type) || firstResponse;
        if (!counted) continue; // a day with only other events has no figures to show
        const c = cell(karachiDay(when), category);
        if (e.type === 'TicketSubmitted') c.ticketsIn++;
        if (e.type === 'TicketResolved') (c.resolved++, c.res.push(minutes(when)));
        if (e.type === 'TicketClosed') c.closed++;
        if (e.type === 'TicketReopened') c.reopened++;
        if (firstResponse) {
          answered = true;
          c.fr.push(minutes(when));
        }
      }
    }

    // A month of events takes a slow store (FerretDB) minutes to project: retry while behind.
    const daily = await retryWhileBehind(() => t.http.get('/metrics/daily').query({ dimension: 'category', from: '2026-01-01', to: '2026-01-31', consistentWith: last }).set(t.as(analyst)), 480_000);
    expect(daily.status).toBe(200);
    const got = daily.body.items;
    const actual = new Map<string, unknown>(got.map((g: { day: string; value: string }) => [`${g.day}|${g.value}`, g]));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) {
      expect({ key, ...(actual.get(key) as object) }).toMatchObject({
        key,
        ticketsIn: e.ticketsIn,
        resolved: e.resolved,
        closed: e.closed,
        reopened: e.reopened,
        firstResponseBusinessMinutes: { count: e.fr.length, median: rank(e.fr, 50), p90: rank(e.fr, 90) },
        resolutionBusinessMinutes: { count: e.res.length, median: rank(e.res, 50), p90: rank(e.res, 90) },
      });
    }

    const weekly = (await t.http.get('/metrics/weekly').query({ from: '2026-01-01', to: '2026-01-31' }).set(t.as(analyst)).expect(200)).body.items;
    expect(weekly.map((w: { week: string }) => w.week)).toEqual(['2026-W02', '2026-W03', '2026-W04', '2026-W05']);
    expect(weekly.reduce((n: number, w: { ticketsIn: number }) => n + w.ticketsIn, 0)).toBe(ids.length);
  });

  it('syncs collections incrementally, with customer data masked for analysts', async () => {
    const first = (await t.http.get('/export/tickets').query({ limit: 10 }).set(t.as(analyst)).expect(200)).body;
    expect(first.items).toHaveLength(10);
    expect(first.items[0].customer).toMatchObject({ name: '(masked)', email: '(masked)@example.pk' });
    expect(JSON.stringify(first.items)).not.toMatch(/Ayesha|ayesha@|rejects my password/);
    const staff = (await t.http.get('/export/tickets').query({ limit: 1 }).set(t.as(supervisor)).expect(200)).body;
    expect(staff.items[0].customer.email).toBe('ayesha@example.pk');

    let since = first.nextSince;
    const seen = new Set(first.items.map((i: { id: string }) => i.id));
    for (;;) {
      const page = (await t.http.get('/export/tickets').query({ since, limit: 25 }).set(t.as(analyst)).expect(200)).body;
      page.items.forEach((i: { id: string }) => seen.add(i.id));
      since = page.nextSince;
      if (!page.more) break;
    }
    const total = (await t.http.get('/tickets').query({ limit: 1 }).set(t.as(supervisor)).expect(200)).body.total;
    expect(seen.size).toBe(total);

    // A change moves the document to the end of the feed: the next poll picks it up.
    const some = [...seen][0] as string;
    const res = await t.http.post(`/tickets/${some}/prioritize`).set(t.as(agent())).send({ priority: 'high', reason: 'VIP' }).expect(200);
    await t.http.get('/tickets').query({ consistentWith: res.body.position }).set(t.as(agent())).expect(200);
    const after = (await t.http.get('/export/tickets').query({ since }).set(t.as(analyst)).expect(200)).body;
    expect(after.items.map((i: { id: string }) => i.id)).toEqual([some]);
    await t.http.get('/export/secrets').set(t.as(analyst)).expect(400);
    await t.http.get('/export/tickets').query({ since: 'x' }).set(t.as(analyst)).expect(400);
    await t.http.get('/metrics/daily').set(t.as(customer)).expect(403);

    // An admin's grant lifts the masking; revoking it brings it back.
    await t.http.post(`/users/${analyst.id}/pii-access`).set(t.as(admin)).send({ reason: 'churn study' }).expect(200);
    expect((await t.http.get('/export/tickets').query({ limit: 1 }).set(t.as(analyst)).expect(200)).body.items[0].customer.email).toBe('ayesha@example.pk');
    await t.http.delete(`/users/${analyst.id}/pii-access`).set(t.as(admin)).expect(200);
    expect((await t.http.get('/export/tickets').query({ limit: 1 }).set(t.as(analyst)).expect(200)).body.items[0].customer.name).toBe('(masked)');
  });
});
