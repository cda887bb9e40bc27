import { randomUUID } from 'node:crypto';
import { agent, newTicket, startTestApp, TestApp, TestUser } from '../support/test-app';
import { waitUntil } from '../support/wait';

/**
 * The real app's log output, captured line by line over a sign-in, a ticket submission with a
 * customer's email and a comment: one JSON line per request with what operators need, and none
 * of the secrets or personal data that went through it.
 */
const PASSWORD = 'correct horse battery staple, logged nowhere';
const noor: TestUser = { id: 'cust-noor', role: 'customer', email: 'noor.fatima@example.pk', password: PASSWORD };

interface LogLine {
  level: number;
  msg: string;
  correlationId?: string;
  method?: string;
  route?: string | null;
  status?: number;
  durationMs?: number;
  principal?: { id: string; role: string } | null;
}

describe('structured request logs', () => {
  const written: string[] = [];
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ users: [noor], logStream: { write: (line: string) => void written.push(line) } })));
  afterAll(async () => t?.destroy());

  const lines = () => written.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  const lineOf = (correlationId: string) => waitUntil(`the log line of ${correlationId}`, () => lines().find((l) => l.msg === 'request' && l.correlationId === correlationId));

  it('writes one JSON line per request, with correlation id, principal, route pattern, status and duration, and no secret or personal data', async () => {
    const login = await t.http.post('/auth/login').send({ email: noor.email, password: PASSWORD }).expect(200);
    const { accessToken, refreshToken } = login.body as { accessToken: string; refreshToken: string };
    const bearer = { Authorization: `Bearer ${accessToken}` };

    const description = 'My passport number AB1234567 is rejected by the visa portal since Monday';
    const submitCorrelation = randomUUID();
    const submitted = await t.http
      .post('/tickets')
      .set(bearer)
      .set('X-Correlation-Id', submitCorrelation)
      .send(newTicket({ subject: 'Visa portal refuses Noor', description, customer: { name: 'Noor Fatima', email: noor.email, phone: '+92 321 7654321', timezone: 'Asia/Karachi', language: 'ur' } }))
      .expect(201);
    expect(submitted.headers['x-correlation-id']).toBe(submitCorrelation);

    const reply = 'Please call me back on my cousin Hamza’s number';
    const commented = await t.http.post(`/tickets/${submitted.body.id}/comments`).set(bearer).send({ body: reply, visibility: 'public' }).expect(200);
    const generated = commented.headers['x-correlation-id'] as string;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/); // none sent: one made, and answered
    const searched = await t.http.get('/tickets').query({ customerEmail: noor.email }).set(t.as(agent())).expect(200);

    // The line of each request.
    const loginLine = await lineOf(login.headers['x-correlation-id']);
    expect(loginLine).toMatchObject({ method: 'POST', route: '/auth/login', status: 200, principal: null });
    expect(await lineOf(submitCorrelation)).toMatchObject({ method: 'POST', route: '/tickets', status: 201, principal: { id: noor.id, role: 'customer' } });
    const commentLine = await lineOf(generated);
    expect(commentLine).toMatchObject({ method: 'POST', route: '/tickets/:id/comments', status: 200, principal: { id: noor.id, role: 'customer' } });
    expect(typeof commentLine.durationMs).toBe('number');
    expect(await lineOf(searched.headers['x-correlation-id'])).toMatchObject({ method: 'GET', route: '/tickets', status: 200, principal: { id: 'agent-ali', role: 'agent' } });
    expect(lines().filter((l) => l.correlationId === generated && l.msg === 'request')).toHaveLength(1);

    // The events record the same correlation id as the log and the response.
    const events = (await t.http.get(`/tickets/${submitted.body.id}/events`).set(t.as(agent())).expect(200)).body as Array<{ metadata: { correlationId: string } }>;
    expect(events.map((e) => e.metadata.correlationId)).toEqual([submitCorrelation, generated]);

    // An unknown route is logged with its status, never its URL.
    const missing = await t.http.get(`/no-such-route/${encodeURIComponent(noor.email)}`).expect(404);
    const missingLine = await lineOf(missing.headers['x-correlation-id']);
    expect(missingLine.status).toBe(404);
    expect(String(missingLine.route)).not.toMatch(/no-such-route/);

    const everything = written.join('');
    for (const secret of [accessToken, refreshToken, PASSWORD, noor.email, encodeURIComponent(noor.email), 'Noor Fatima', description, 'AB1234567', reply, '+92 321', 'Bearer ']) {
      expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
