import { agent, customer, newTicket, startTestApp, TestApp } from '../support/test-app';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);

// The contention is per ticket (50 writers, 100 in flight, so about two tickets fought over at
// a time); more tickets only repeat it. 20 keep the test to ~1,000 writes, so a busy machine
// finishes it well inside the limit (100 tickets took 110 s on a shared machine).
const TICKETS = 20;
const WRITERS = 50;
const IN_FLIGHT = 100;

/** Runs the tasks with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe(`${WRITERS} concurrent writers on each of ${TICKETS} tickets`, () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.destroy());

  it('ends with states and event counts that match exactly the successful responses', async () => {
    const ids = (await pool(Array.from({ length: TICKETS }, (_, i) => () => t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: `load ${i}` }))), 20)).map((r) => {
      expect(r.status).toBe(201);
      return r.body.id as string;
    });

    // Per ticket: 45 comments without If-Match (retried internally), 5 reprioritizations that
    // insist on revision 0 (at most one can win, and only if it comes first).
    const writes = ids.flatMap((id) =>
      Array.from({ length: WRITERS }, (_, w) => ({ id, w, kind: w < 45 ? ('comment' as const) : ('prioritize' as const) })),
    );
    const responses = await pool(
      writes.map((write) => async () => {
        const res =
          write.kind === 'comment'
            ? await t.http.post(`/tickets/${write.id}/comments`).set(t.as(agent())).send({ body: `w${write.w}`, visibility: 'internal' })
            : await t.http.post(`/tickets/${write.id}/prioritize`).set(t.as(agent())).set('If-Match', '"0"').send({ priority: 'high', reason: `w${write.w}` });
        return { ...write, status: res.status, revision: res.body.revision as number | undefined, position: res.body.position as string | undefined };
      }),
      IN_FLIGHT,
    );

    expect(responses.filter((r) => r.status !== 200 && r.status !== 409)).toEqual([]);
    const last = responses.filter((r) => r.position).reduce((max, r) => (BigInt(r.position!) > BigInt(max) ? r.position! : max), '0');

    for (const id of ids) {
      const mine = responses.filter((r) => r.id === id);
      const ok = mine.filter((r) => r.status === 200);
      const events = (await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body as Array<{ type: string; revision: number; data: { body?: string; reason?: string } }>;
      expect(events).toHaveLength(1 + ok.length);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      expect(ok.map((r) => r.revision).sort((a, b) => a! - b!)).toEqual(events.slice(1).map((e) => e.revision));
      const written = events.slice(1).map((e) => e.data.body ?? e.data.reason).sort();
      expect(written).toEqual(ok.map((r) => `w${r.w}`).sort());

      const prioritized = ok.some((r) => r.kind === 'prioritize');
      const view = (await t.http.get(`/tickets/${id}`).query({ consistentWith: last }).set(t.as(agent())).expect(200)).body;
      expect(view.revision).toBe(ok.length);
      expect(view.priority).toBe(prioritized ? 'high' : 'medium');
      expect(view.comments).toHaveLength(ok.filter((r) => r.kind === 'comment').length);
    }
  });
});
