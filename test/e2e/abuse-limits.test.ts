import { customer, newTicket, startTestApp, TestApp, TestUser } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const ali: TestUser = { id: 'agent-pw', role: 'agent', email: 'ali.raza@helpdesk.test', password: PASSWORD };
const sara: TestUser = { id: 'agent-pw2', role: 'agent', email: 'sara@helpdesk.test', password: PASSWORD };

describe('abuse limits', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('answers 429 with Retry-After once an address has used its request budget; health stays reachable', async () => {
    t = await startTestApp({ env: { RATE_LIMIT: '5', RATE_LIMIT_WINDOW_SECONDS: '60' } });
    const auth = t.as(customer);
    for (let i = 0; i < 5; i++) {
      const res = await t.http.get('/auth/me').set(auth).expect(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const limited = await t.http.get('/tickets').set(auth).expect(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.body.type).toBe('urn:helpdesk:problem:rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Anonymous requests from the same address share the budget.
    await t.http.post('/auth/login').send({ email: 'x@example.com', password: 'whatever whatever' }).expect(429);
    await t.http.get('/health/live').expect(200);
    await t.http.get('/health').expect(200);
  });

  it('throttles sign-in per account: after too many failures even the right password waits', async () => {
    t = await startTestApp({ users: [ali], env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURE_WINDOW_SECONDS: '900' } });
    for (let i = 0; i < 3; i++) await t.http.post('/auth/login').send({ email: ali.email, password: `guess number ${i}` }).expect(401);
    const locked = await t.http.post('/auth/login').send({ email: ali.email.toUpperCase(), password: PASSWORD }).expect(429);
    expect(locked.body.type).toBe('urn:helpdesk:problem:too-many-sign-in-attempts');
    expect(Number(locked.headers['retry-after'])).toBe(900);
    // Unknown accounts are braked the same way, so the answer says nothing about existence.
    for (let i = 0; i < 3; i++) await t.http.post('/auth/login').send({ email: 'nobody@helpdesk.test', password: `guess number ${i}` }).expect(401);
    await t.http.post('/auth/login').send({ email: 'nobody@helpdesk.test', password: PASSWORD }).expect(429);

    t.clock.advance(10 * 60_000);
    const later = await t.http.post('/auth/login').send({ email: ali.email, password: PASSWORD }).expect(429);
    expect(Number(later.headers['retry-after'])).toBe(300);
    t.clock.advance(5 * 60_000 + 1000);
    await t.http.post('/auth/login').send({ email: ali.email, password: PASSWORD }).expect(200);
  });

  it('throttles sign-in per address across accounts; a success does not reset the address', async () => {
    t = await startTestApp({
      users: [ali, sara],
      env: { TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_ADDRESS: '4', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' },
    });
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    for (let i = 0; i < 3; i++) await t.http.post('/auth/login').set(from('203.0.113.7')).send({ email: `user${i}@example.com`, password: 'spray spray spray' }).expect(401);
    await t.http.post('/auth/login').set(from('203.0.113.7')).send({ email: ali.email, password: PASSWORD }).expect(200);
    await t.http.post('/auth/login').set(from('203.0.113.7')).send({ email: 'user9@example.com', password: 'spray spray spray' }).expect(401);
    const blocked = await t.http.post('/auth/login').set(from('203.0.113.7')).send({ email: sara.email, password: PASSWORD }).expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Another address is not blocked by this one's failures.
    await t.http.post('/auth/login').set(from('198.51.100.20')).send({ email: sara.email, password: PASSWORD }).expect(200);
  });

  it('refuses request bodies over BODY_LIMIT with 413 and writes nothing', async () => {
    t = await startTestApp({ env: { BODY_LIMIT: '2kb' } });
    const head = (await t.http.get('/health')).body.eventStore.headPosition;
    const res = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ description: 'x'.repeat(3000) })).expect(413);
    expect(res.body.type).toBe('urn:helpdesk:problem:body-too-large');
    await t.http.post('/auth/login').send({ email: 'a@example.com', password: 'p'.repeat(4000) }).expect(413);
    expect((await t.http.get('/health')).body.eventStore.headPosition).toBe(head);
    await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
  });

  it('sends security headers on every response', async () => {
    t = await startTestApp();
    for (const res of [await t.http.get('/health'), await t.http.get('/tickets'), await t.http.get('/tickets').set(t.as(customer))]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('allows cross-origin browsers only from CORS_ORIGINS', async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://support.example.com, https://admin.example.com' } });
    const preflight = (origin: string) =>
      t!.http.options('/tickets').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    const allowed = await preflight('https://support.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://support.example.com');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const refused = await preflight('https://evil.example.net');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await t.http.get('/health').set('Origin', 'https://admin.example.com');
    expect(simple.headers['access-control-allow-origin']).toBe('https://admin.example.com');
    expect(simple.headers['access-control-expose-headers']).toMatch(/ETag/);
    await t.destroy();

    t = await startTestApp();
    const none = await t.http.get('/health').set('Origin', 'https://support.example.com');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
  });
});
