import { UserAccounts } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { MAIL_INGEST, MailIngest } from '../../apps/api/src/mail/mail-ingest.port';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';
import { startTestRelay, TestRelay } from '../support/test-relay';
import { nthVerificationMail, verificationOf } from '../support/verification-mail';

jest.setTimeout(120_000);

const MAIL_ENV = { MAIL_FROM: 'support@helpdesk.test', MAIL_THREAD_SECRET: 'a thread secret for the customer tests, 32+ chars', RUN_ROUTING: 'false', PUBLIC_URL: 'http://helpdesk.test:3000' };

describe('customer accounts by email: link and code through the outbox', () => {
  let relay: TestRelay;
  let t: TestApp;
  let serial = 0;
  const fresh = () => `visitor-${++serial}@example.pk`;

  beforeAll(async () => {
    relay = await startTestRelay();
    // The per-account sign-in brake (in memory) above the durable lock of five wrong codes, so the test sees the lock.
    t = await startTestApp({ env: { ...MAIL_ENV, SMTP_RELAY_URL: relay.url, LOGIN_MAX_FAILURES_PER_ACCOUNT: '10' } });
  });
  afterAll(async () => {
    await t?.destroy();
    await relay?.close();
  });

  const start = (email: string, language = 'en') => t.http.post('/auth/customer/start').send({ email, language });
  const verify = (body: object) => t.http.post('/auth/customer/verify').send(body);
  const accountOf = (email: string) => t.app.get(UserAccounts).findByEmail(email);

  it('signs a new customer up by the link: the account reaches every ticket already filed under the address (phone, email, web)', async () => {
    const email = fresh();
    // Before any account: a phone call recorded by an agent, a mail, and nothing more.
    const phone = await t.http.post('/tickets').set(t.as(agent())).send(newTicket({ channel: 'phone', subject: 'Called about fees', customer: { name: 'Zara', email, language: 'ur' } })).expect(201);
    const raw = Buffer.from(`From: Zara <${email}>\r\nTo: support@helpdesk.test\r\nSubject: Mailed about fees\r\nMessage-ID: <zara-${serial}@example.pk>\r\n\r\nPlease help.\r\n`);
    const mailed = await t.app.get<MailIngest>(MAIL_INGEST).ingest(raw, { transport: 'cli' });
    expect(mailed.outcome).toBe('ticket_created');

    const started = await start(email, 'ur').expect(202);
    expect(started.body).toEqual({ status: 'sent', expiresInMinutes: 15 });
    expect(await accountOf(email)).toBeNull(); // nothing made for an address not yet proved

    const mail = await nthVerificationMail(relay, email);
    expect(mail.parsed.subject).toBe('سائن اِن کا لنک اور کوڈ');
    expect(mail.parsed.html).toContain('dir="rtl"');
    const { token, link } = verificationOf(mail);
    expect(link.startsWith('http://helpdesk.test:3000/#/verify/hdv.')).toBe(true);

    const signedIn = await verify({ token }).expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect(signedIn.body.user).toMatchObject({ email, role: 'customer' });
    const bearer = { Authorization: `Bearer ${signedIn.body.accessToken}` };
    void phone;
    const head = (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
    const mine = await t.http.get('/tickets').query({ consistentWith: head }).set(bearer).expect(200);
    expect(mine.body.items.map((i: { channel: string }) => i.channel).sort()).toEqual(['email', 'phone']);

    // The link is good once; the account is not made twice.
    const again = await verify({ token }).expect(410);
    expect(again.body.type).toBe('urn:helpdesk:problem:verification-used');
    expect((await accountOf(email))!.id).toBe(signedIn.body.user.id);
  });

  it('signs an existing customer in by the code, once; the code of one address does not open another', async () => {
    await start(customer.email).expect(202);
    const { code } = verificationOf(await nthVerificationMail(relay, customer.email));
    await verify({ email: 'bilal@example.pk', code }).expect(401);
    const res = await verify({ email: customer.email, code }).expect(200);
    expect(res.body.user).toMatchObject({ id: customer.id, role: 'customer' });
    expect((await verify({ email: customer.email, code }).expect(410)).body.type).toBe('urn:helpdesk:problem:verification-used');
  });

  it('answers a known and an unknown address alike', async () => {
    const known = await start(customer.email);
    const unknown = await start(fresh());
    expect({ status: known.status, body: known.body }).toEqual({ status: unknown.status, body: unknown.body });
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
  });

  it('refuses an expired link and code and changes nothing', async () => {
    const email = fresh();
    await start(email).expect(202);
    const { token, code } = verificationOf(await nthVerificationMail(relay, email));
    t.clock.advance(16 * 60_000);
    try {
      expect((await verify({ token }).expect(410)).body.type).toBe('urn:helpdesk:problem:verification-expired');
      expect((await verify({ email, code }).expect(410)).body.type).toBe('urn:helpdesk:problem:verification-expired');
      expect(await accountOf(email)).toBeNull();
    } finally {
      t.clock.advance(-16 * 60_000);
    }
  });

  it('refuses forged links and wrong codes; five wrong codes lock codes for the address, the link still works', async () => {
    const email = fresh();
    await start(email).expect(202);
    const { token, code } = verificationOf(await nthVerificationMail(relay, email));
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await verify({ token: forged }).expect(401)).body.type).toBe('urn:helpdesk:problem:invalid-verification');
    expect((await verify({ token: 'hdv.nonsense' }).expect(401)).body.type).toBe('urn:helpdesk:problem:invalid-verification');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await verify({ email, code: wrong }).expect(401);
    const locked = await verify({ email, code }).expect(429);
    expect(locked.body.type).toBe('urn:helpdesk:problem:too-many-code-attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await accountOf(email)).toBeNull();
    await verify({ token }).expect(200);
  });

  it('does not sign staff in by email, even with a good link', async () => {
    await start(supervisor.email).expect(202);
    const { token } = verificationOf(await nthVerificationMail(relay, supervisor.email));
    expect((await verify({ token }).expect(403)).body.type).toBe('urn:helpdesk:problem:staff-account');
  });

  it('lets a customer made by email set a first password, then sign in with it', async () => {
    const email = fresh();
    await start(email).expect(202);
    const { token } = verificationOf(await nthVerificationMail(relay, email));
    const signedIn = await verify({ token }).expect(200);
    const bearer = { Authorization: `Bearer ${signedIn.body.accessToken}` };
    await t.http.post('/auth/customer/password').set(bearer).send({ password: 'short' }).expect(400);
    await t.http.post('/auth/customer/password').set(bearer).send({ password: 'a long enough password' }).expect(204);
    const login = await t.http.post('/auth/login').send({ email, password: 'a long enough password' }).expect(200);
    await t.http.post('/auth/customer/password').set({ Authorization: `Bearer ${login.body.accessToken}` }).send({ password: 'another long password' }).expect(409);
  });

  it('files a web-form request only once the address is proved, with its files, once', async () => {
    const email = fresh();
    const before = (await t.http.get('/tickets').set(t.as(supervisor)).expect(200)).body.total;
    const form = t.http
      .post('/public/tickets')
      .field('subject', 'Fee receipt missing')
      .field('description', 'I paid but got no receipt.')
      .field('category', 'question')
      .field('errorMessages[0]', 'E42: receipt not found')
      .field('stepsToReproduce', 'Pay, then open receipts')
      .field('impact', 'Cannot prove payment')
      .field('customer[name]', 'Hina Baig')
      .field('customer[email]', email.toUpperCase())
      .field('customer[timezone]', 'Asia/Dubai')
      .field('customer[language]', 'en')
      .attach('files', Buffer.from('bank slip\n'), { filename: 'slip.txt', contentType: 'text/plain' });
    expect((await form.expect(202)).body).toEqual({ status: 'sent', expiresInMinutes: 15 });
    const mail = await nthVerificationMail(relay, email);
    expect(mail.parsed.subject).toBe('Please confirm your request: Fee receipt missing');
    expect((await t.http.get('/tickets').set(t.as(supervisor)).expect(200)).body.total).toBe(before);
    expect(await accountOf(email)).toBeNull();

    const { token } = verificationOf(mail);
    const verified = await verify({ token }).expect(200);
    expect(verified.body.ticket).toMatchObject({ id: expect.any(String), number: expect.stringMatching(/^HD-/) });
    const bearer = { Authorization: `Bearer ${verified.body.accessToken}` };
    const ticket = await t.http.get(`/tickets/${verified.body.ticket.id}`).query({ consistentWith: verified.body.ticket.position }).set(bearer).expect(200);
    expect(ticket.body).toMatchObject({
      subject: 'Fee receipt missing',
      channel: 'web',
      category: 'question',
      errorMessages: ['E42: receipt not found'],
      stepsToReproduce: 'Pay, then open receipts',
      impact: 'Cannot prove payment',
      customer: { name: 'Hina Baig', email, timezone: 'Asia/Dubai', language: 'en' },
    });
    expect(ticket.body.attachments).toEqual([expect.objectContaining({ filename: 'slip.txt', size: 10 })]);
    await verify({ token }).expect(410);
    const after = await t.http.get('/tickets').query({ consistentWith: verified.body.ticket.position }).set(t.as(supervisor)).expect(200);
    expect(after.body.total).toBe(before + 1);
  });

  it('refuses a web form without a subject or a proper address (problem+json), and records nothing', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const res = await t.http.post('/public/tickets').send({ description: 'x', customer: { name: 'A', email: 'not-an-address' } }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toMatch(/subject/);
    expect(await store.headPosition()).toBe(head);
  });
});

describe('customer sign-in abuse limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...MAIL_ENV, CUSTOMER_CODES_PER_ADDRESS: '3', CUSTOMER_CODES_PER_IP: '5' } });
  });
  afterAll(async () => t?.destroy());

  it('throttles links and codes per address (durably, on the address’s stream) and per client address', async () => {
    for (let i = 0; i < 3; i++) await t.http.post('/auth/customer/start').send({ email: 'target@example.pk' }).expect(202);
    const perAddress = await t.http.post('/auth/customer/start').send({ email: 'Target@Example.pk' }).expect(429);
    expect(perAddress.body.type).toBe('urn:helpdesk:problem:too-many-verification-requests');
    expect(Number(perAddress.headers['retry-after'])).toBe(3600);
    // The refused one counted from this client: with two more, the client is past its five.
    await t.http.post('/auth/customer/start').send({ email: 'other1@example.pk' }).expect(202);
    const perClient = await t.http.post('/auth/customer/start').send({ email: 'other2@example.pk' }).expect(429);
    expect(perClient.body.detail).toMatch(/from this address/);
    // An hour later both windows have passed.
    t.clock.advance(61 * 60_000);
    await t.http.post('/auth/customer/start').send({ email: 'target@example.pk' }).expect(202);
  });
});
