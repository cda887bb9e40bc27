import { admin, agent, analyst, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind } from '../support/wait';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CATEGORIES = ['incident', 'question', 'emergency', 'alert'];

interface RawEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: { occurredAt: string };
}
interface Cell {
  offered: number;
  rated: number;
  scores: number[];
}

const karachiDay = (iso: string) => new Date(new Date(iso).getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
const nextWeekday = (ms: number) => {
  let next = ms + DAY;
  while ([0, 6].includes(new Date(next).getUTCDay())) next += DAY;
  return next;
};

describe('satisfaction in analytics', () => {
  let t: TestApp;
  // Watches that act on the clock would add events at moments that depend on the machine's speed.
  beforeAll(async () => (t = await startTestApp({ env: { RUN_SLA_WATCH: 'false', RUN_AUTO_CLOSE: 'false', SATISFACTION_LOW_SCORE_ACTION: 'none', SATISFACTION_CHANGEABLE_DAYS: '7' } })));
  afterAll(async () => t.destroy());

  it('computes a generated month of rated tickets exactly as the raw events say: CSAT, average, response rate, per day, week, category and agent', async () => {
    // Each ticket's steps at their instants; all steps of the month run in time order, so the
    // clock never goes back. Five stories: never rated; rated, rejected, resolved and rated again
    // the next weekday (a second offer in another day's cohort); rejected before any rating (the
    // offer is voided), resolved and rated; rated 2, changed to 4 the next weekday (it stays in its
    // offer's day); rated with a comment and closed.
    const ids: string[] = [];
    const steps: Array<{ at: number; run: () => Promise<void> }> = [];
    let last = '0';
    const post = async (path: string, who: TestUser, body: object = {}) => {
      const res = await t.http.post(path).set(t.as(who)).send(body);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      last = res.body.position;
    };
    let n = 0;
    for (let day = 5; day <= 30; day++) {
      const date = new Date(Date.UTC(2026, 0, day));
      if ([0, 6].includes(date.getUTCDay())) continue;
      for (let k = 0; k < 3; k++, n++) {
        const i = n;
        const base = date.getTime() + 5 * 3_600_000 + k * 10 * MINUTE; // 10:00 PKT onwards
        const later = nextWeekday(base);
        const assignee = agent(i % 2 ? 'agent-ali' : 'agent-sara');
        const id = () => ids[i];
        const score = 1 + ((i * 7) % 5);
        const at = (when: number, run: () => Promise<void>) => steps.push({ at: when, run });
        at(base, async () => {
          const res = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: `rated ${i}`, category: CATEGORIES[i % 4] })).expect(201);
          ids[i] = res.body.id;
        });
        at(base + 2 * MINUTE, () => post(`/tickets/${id()}/assign`, supervisor, { agentId: assignee.id }));
        at(base + 5 * MINUTE, () => post(`/tickets/${id()}/start`, assignee));
        at(base + 60 * MINUTE, () => post(`/tickets/${id()}/resolve`, assignee, { resolution: 'Fixed' }));
        switch (i % 5) {
          case 1:
            at(base + 90 * MINUTE, () => post(`/tickets/${id()}/satisfaction`, customer, { score }));
            at(base + 100 * MINUTE, () => post(`/tickets/${id()}/reject`, customer, { reason: 'Came back' }));
            at(later + 60 * MINUTE, () => post(`/tickets/${id()}/resolve`, assignee, { resolution: 'Fixed for good' }));
            at(later + 90 * MINUTE, () => post(`/tickets/${id()}/satisfaction`, customer, { score: 5 }));
            break;
          case 2:
            at(base + 100 * MINUTE, () => post(`/tickets/${id()}/reject`, customer, { reason: 'Not fixed' }));
            at(base + 120 * MINUTE, () => post(`/tickets/${id()}/resolve`, assignee, { resolution: 'Fixed now' }));
            at(base + 130 * MINUTE, () => post(`/tickets/${id()}/satisfaction`, customer, { score: 3, comment: 'Took two tries' }));
            break;
          case 3:
            at(base + 90 * MINUTE, () => post(`/tickets/${id()}/satisfaction`, customer, { score: 2 }));
            at(later + 30 * MINUTE, () => post(`/tickets/${id()}/satisfaction`, customer, { score: 4, comment: 'Better on reflection' }));
            break;
          case 4:
            at(base + 90 * MINUTE, () => post(`/tickets/${id()}/satisfaction`, customer, { score, comment: `Kind and quick ${i}` }));
            at(base + 95 * MINUTE, () => post(`/tickets/${id()}/confirm`, customer));
            at(base + 96 * MINUTE, () => post(`/tickets/${id()}/close`, assignee));
            break;
        }
      }
    }
    steps.sort((a, b) => a.at - b.at);
    for (const step of steps) {
      t.clock.set(new Date(step.at).toISOString());
      await step.run();
    }

    // The expected figures, from the raw events alone: each offer counts in the day it was made,
    // under the ticket's category and assignee then; a voided offer not at all; the latest rating of each.
    const byCategory = new Map<string, Cell>();
    const byAgent = new Map<string, Cell>();
    const cellOf = (map: Map<string, Cell>, key: string) => map.get(key) ?? map.set(key, { offered: 0, rated: 0, scores: [0, 0, 0, 0, 0] }).get(key)!;
    let ratedWithComment = 0;
    let lowScores = 0;
    for (const id of ids) {
      const events = (await t.http.get(`/tickets/${id}/events`).set(t.as(supervisor)).expect(200)).body as RawEvent[];
      const category = events[0].data.category as string;
      let assignee = 'unassigned';
      const offers = new Map<string, { day: string; agent: string; voided: boolean; score: number | null; comment: unknown }>();
      for (const e of events) {
        if (e.type === 'TicketAssigned') assignee = e.data.agentId as string;
        if (e.type === 'SatisfactionOffered') offers.set(e.data.offerId as string, { day: karachiDay(e.metadata.occurredAt), agent: assignee, voided: false, score: null, comment: null });
        if (e.type === 'SatisfactionOfferVoided') offers.get(e.data.offerId as string)!.voided = true;
        if (e.type === 'SatisfactionRated') Object.assign(offers.get(e.data.offerId as string)!, { score: e.data.score, comment: e.data.comment });
      }
      for (const offer of offers.values()) {
        if (offer.voided) continue;
        for (const cell of [cellOf(byCategory, `${offer.day}|${category}`), cellOf(byAgent, `${offer.day}|${offer.agent}`)]) {
          cell.offered++;
          if (offer.score === null) continue;
          cell.rated++;
          cell.scores[offer.score - 1]++;
        }
        if (offer.score !== null && offer.comment) ratedWithComment++;
        if (offer.score !== null && offer.score <= 2) lowScores++;
      }
    }
    const figures = (c: Cell) => {
      const sum = c.scores.reduce((s, k, i) => s + k * (i + 1), 0);
      return {
        offered: c.offered,
        rated: c.rated,
        responseRate: c.offered ? c.rated / c.offered : null,
        csat: c.rated ? (c.scores[3] + c.scores[4]) / c.rated : null,
        average: c.rated ? sum / c.rated : null,
        scores: { 1: c.scores[0], 2: c.scores[1], 3: c.scores[2], 4: c.scores[3], 5: c.scores[4] },
      };
    };
    const compare = async (dimension: string, expected: Map<string, Cell>) => {
      const res = await retryWhileBehind(
        () => t.http.get('/metrics/daily').query({ dimension, from: '2026-01-01', to: '2026-02-28', consistentWith: last }).set(t.as(analyst)),
        480_000,
      );
      expect(res.status).toBe(200);
      const offeredDays = (res.body.items as Array<{ day: string; value: string; satisfaction: { offered: number } }>).filter((d) => d.satisfaction.offered !== 0 || expected.has(`${d.day}|${d.value}`));
      const actual = new Map(offeredDays.map((d) => [`${d.day}|${d.value}`, d.satisfaction]));
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, cell] of expected) {
        const got = actual.get(key) as Record<string, number | null>;
        expect({ key, ...got, responseRate: null, csat: null, average: null }).toEqual({ key, ...figures(cell), responseRate: null, csat: null, average: null });
        for (const ratio of ['responseRate', 'csat', 'average'] as const) expect([key, ratio, got[ratio]]).toEqual([key, ratio, figures(cell)[ratio] === null ? null : expect.closeTo(figures(cell)[ratio]!, 10)]);
      }
    };
    await compare('category', byCategory);
    await compare('agent', byAgent);

    // The weeks add up to the month, and the month's CSAT is what the raw ratings give.
    const total = [...byCategory.values()].reduce((m, c) => ({ offered: m.offered + c.offered, rated: m.rated + c.rated, scores: m.scores.map((s, i) => s + c.scores[i]) }), { offered: 0, rated: 0, scores: [0, 0, 0, 0, 0] });
    const weekly = (await t.http.get('/metrics/weekly').query({ from: '2026-01-01', to: '2026-02-28' }).set(t.as(analyst)).expect(200)).body.items as Array<{ satisfaction: { offered: number; rated: number; scores: Record<string, number> } }>;
    expect(weekly.reduce((s, w) => s + w.satisfaction.offered, 0)).toBe(total.offered);
    expect(weekly.reduce((s, w) => s + w.satisfaction.rated, 0)).toBe(total.rated);
    expect([1, 2, 3, 4, 5].map((k) => weekly.reduce((s, w) => s + w.satisfaction.scores[k], 0))).toEqual(total.scores);
    expect(total.rated).toBeGreaterThan(40);

    // One by one: supervisors read the comments; analysts see that there is one, not what it says.
    const all = async (who: TestUser, query: object = {}) => {
      const items: Array<Record<string, unknown>> = [];
      let cursor: string | undefined;
      do {
        const page = (await t.http.get('/metrics/ratings').query({ limit: 20, ...query, ...(cursor ? { cursor } : {}) }).set(t.as(who)).expect(200)).body;
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    };
    const read = await all(supervisor);
    expect(read).toHaveLength(total.rated);
    expect(read.map((r) => r.ratedAt)).toEqual([...read.map((r) => r.ratedAt)].sort().reverse());
    expect(read.filter((r) => r.comment)).toHaveLength(ratedWithComment);
    expect(read.find((r) => r.comment === 'Better on reflection')).toMatchObject({ score: 4, changes: 1, customer: { email: customer.email } });
    expect(await all(supervisor, { score: '1,2' })).toHaveLength(lowScores);
    expect(await all(admin, { withComment: 'true' })).toHaveLength(ratedWithComment);
    expect(await all(supervisor, { from: '2026-02-01' })).toEqual(read.filter((r) => (r.ratedAt as string) >= '2026-01-31T19:00:00.000Z'));
    const masked = await all(analyst, { withComment: 'true' });
    expect(masked).toHaveLength(ratedWithComment);
    expect(JSON.stringify(masked)).not.toMatch(/Kind and quick|reflection|two tries|ayesha@/);
    expect(masked[0]).toMatchObject({ hasComment: true, customer: { name: '(masked)' } });
    await t.http.get('/metrics/ratings').set(t.as(agent())).expect(403);
    await t.http.get('/metrics/ratings').set(t.as(customer)).expect(403);
    await t.http.get('/metrics/ratings').query({ score: '6' }).set(t.as(supervisor)).expect(400);
    await t.http.get('/metrics/ratings').query({ from: '2026-02-02', to: '2026-02-01' }).set(t.as(supervisor)).expect(400);

    // The export feed carries every offer (rated or not), with the same masking.
    const exported: Array<Record<string, unknown>> = [];
    let since: string | undefined;
    for (;;) {
      const page = (await t.http.get('/export/satisfaction_ratings').query({ limit: 50, ...(since ? { since } : {}) }).set(t.as(analyst)).expect(200)).body;
      exported.push(...page.items);
      since = page.nextSince;
      if (!page.more) break;
    }
    expect(exported.filter((r) => !r.voided)).toHaveLength(total.offered);
    expect(JSON.stringify(exported)).not.toMatch(/Kind and quick|reflection|two tries|ayesha@/);
  });
});
