import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

/**
 * The bad-input corpus: every endpoint gets malformed JSON, wrong types, huge strings, Urdu/RTL/
 * emoji where they do not belong, bad revisions, unknown fields and odd ids. Every answer must be
 * a 4xx problem+json naming the problem, and the store must not change.
 */
const ODD_IDS = [
  'not-a-uuid',
  '..%2F..%2Fetc%2Fpasswd',
  "1' OR '1'='1",
  '%00',
  'x'.repeat(500),
  'ٹکٹ-۱۲۳',
  '🎫🎫🎫',
  '00000000-0000-0000-0000-00000000000g',
  'HD-12',
];
const WRONG_TYPES = [42, true, null, ['a'], { nested: 'object' }, ''];
const IF_MATCH = ['-1', 'abc', '1e3', '99999999999999999999', '"\u00b3"', '1, 2', ''];

const COMMANDS: Array<[string, Record<string, unknown>]> = [
  ['assign', { agentId: 'agent-ali' }],
  ['acknowledge', {}],
  ['prioritize', { priority: 'high' }],
  ['categorize', { category: 'alert' }],
  ['start', {}],
  ['comments', { body: 'hi', visibility: 'public' }],
  ['wait', {}],
  ['resolve', { resolution: 'done' }],
  ['confirm', {}],
  ['reject', { reason: 'no' }],
  ['close', {}],
  ['reopen', { reason: 'again' }],
];

describe('bad-input corpus', () => {
  let t: TestApp;
  let ticketId: string;
  const refusals: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ticketId = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body.id;
  });
  afterAll(async () => t.destroy());

  const head = async () => (await t.http.get('/health').expect(200)).body.eventStore.headPosition as string;

  async function expectRefused(label: string, send: () => Promise<{ status: number; headers: Record<string, string>; body: any }>) {
    const before = await head();
    const res = await send();
    refusals.push(`${res.status} ${label}`);
    expect({ label, status: res.status >= 400 && res.status < 500 }).toEqual({ label, status: true });
    expect({ label, type: res.headers['content-type'] }).toEqual({ label, type: expect.stringMatching(/application\/problem\+json/) });
    expect({ label, problem: typeof res.body.type === 'string' && typeof res.body.title === 'string' && res.body.status === res.status }).toEqual({ label, problem: true });
    expect(await head()).toBe(before);
  }

  it('refuses malformed, mistyped, oversized and unknown-field submissions', async () => {
    const bodies: Array<[string, unknown]> = [
      ['truncated JSON', '{"subject": "x"'],
      ['not JSON', 'subject=x'],
      ['JSON array', '[1,2]'],
      ['JSON string', '"hello"'],
      ['unknown field', { ...newTicket(), isAdmin: true }],
      ['urdu channel', { ...newTicket(), channel: 'ای میل' }],
      ['emoji category', { ...newTicket(), category: '🚨' }],
      ['huge subject', { ...newTicket(), subject: 'ب'.repeat(201) }],
      ['huge description', { ...newTicket(), description: 'x'.repeat(20_001) }],
      ['body over the limit', { ...newTicket(), description: 'x'.repeat(400_000) }],
      ['customer missing', { ...newTicket(), customer: undefined }],
      ['customer as string', { ...newTicket(), customer: 'Ayesha' }],
      ['bad email', { ...newTicket(), customer: { ...newTicket().customer, email: 'عائشہ@' } }],
      ['bad time zone', { ...newTicket(), customer: { ...newTicket().customer, timezone: 'Asia/Lahore123' } }],
      ['bad language', { ...newTicket(), customer: { ...newTicket().customer, language: 'klingon' } }],
      ['prototype pollution', JSON.parse('{"__proto__": {"admin": true}, "subject": "x"}')],
      ['errorMessages not a list', { ...newTicket(), errorMessages: 'E1' }],
      ['errorMessages with numbers', { ...newTicket(), errorMessages: [1, 2] }],
    ];
    for (const field of ['subject', 'description', 'channel']) {
      for (const value of WRONG_TYPES) bodies.push([`${field} = ${JSON.stringify(value)}`, { ...newTicket(), [field]: value }]);
    }
    for (const [label, body] of bodies) {
      await expectRefused(`POST /tickets ${label}`, () =>
        t.http.post('/tickets').set(t.as(customer)).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body)),
      );
    }
  });

  it('refuses bad bodies, odd ids and bad revisions on every lifecycle command', async () => {
    for (const [action, good] of COMMANDS) {
      await expectRefused(`${action} malformed`, () => t.http.post(`/tickets/${ticketId}/${action}`).set(t.as(agent())).set('Content-Type', 'application/json').send('{"x":'));
      await expectRefused(`${action} unknown field`, () => t.http.post(`/tickets/${ticketId}/${action}`).set(t.as(agent())).send({ ...good, sneaky: 1 }));
      for (const value of WRONG_TYPES) {
        for (const field of Object.keys(good)) {
          await expectRefused(`${action} ${field}=${JSON.stringify(value)}`, () => t.http.post(`/tickets/${ticketId}/${action}`).set(t.as(agent())).send({ ...good, [field]: value }));
        }
      }
      for (const id of ODD_IDS) {
        await expectRefused(`${action} id ${id.slice(0, 20)}`, () => t.http.post(`/tickets/${id}/${action}`).set(t.as(agent())).send(good));
      }
      for (const revision of IF_MATCH) {
        await expectRefused(`${action} If-Match ${revision}`, () => t.http.post(`/tickets/${ticketId}/${action}`).set(t.as(supervisor)).set('If-Match', revision).send(good));
      }
      await expectRefused(`${action} stale If-Match`, () => t.http.post(`/tickets/${ticketId}/${action}`).set(t.as(supervisor)).set('If-Match', '7').send(good));
      await expectRefused(`${action} no actor`, () => t.http.post(`/tickets/${ticketId}/${action}`).send(good));
      await expectRefused(`${action} urdu token`, () => t.http.post(`/tickets/${ticketId}/${action}`).set('Authorization', `Bearer ${Buffer.from('ایجنٹ').toString('latin1')}`).send(good));
    }
  });

  it('refuses odd ids and parameters on the query side', async () => {
    for (const id of ODD_IDS) {
      await expectRefused(`GET ticket ${id.slice(0, 20)}`, () => t.http.get(`/tickets/${id}`).set(t.as(agent())));
      await expectRefused(`GET events ${id.slice(0, 20)}`, () => t.http.get(`/tickets/${id}/events`).set(t.as(agent())));
      await expectRefused(`GET audit ${id.slice(0, 20)}`, () => t.http.get(`/tickets/${id}/audit`).set(t.as(agent())));
    }
    const queries: Array<[string, Record<string, string>]> = [
      ['/tickets', { limit: '-1' }],
      ['/tickets', { limit: 'ten' }],
      ['/tickets', { limit: '100000' }],
      ['/tickets', { status: 'فعال' }],
      ['/tickets', { sort: 'password' }],
      ['/tickets', { consistentWith: '-3' }],
      ['/tickets', { consistentWith: '1e9' }],
      ['/tickets', { cursor: 'not-a-cursor!!' }],
      ['/tickets', { '$where': '1' }],
      ['/queue', { view: 'everything' }],
      ['/queue', { view: 'team' }],
      ['/queue', { priority: 'urgent🔥' }],
      ['/sla/breaches', { target: 'lunch' }],
      ['/workload', { limit: '0' }],
      ['/queue', { team: 'ٹیم'.repeat(4000) }], // a request line past Node's header limit: refused before the app
    ];
    for (const [path, query] of queries) {
      await expectRefused(`GET ${path} ${JSON.stringify(query)}`, () => t.http.get(path).query(query).set(t.as(agent())));
    }
  });

  it('accepts Urdu, right-to-left and emoji text where text belongs, and keeps it intact', async () => {
    const subject = 'پاس ورڈ قبول نہیں ہو رہا 🔒 ‏(RTL)‏';
    const res = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject, description: 'مسئلہ 😞\nLine two' })).expect(201);
    const events = await t.http.get(`/tickets/${res.body.id}/events`).set(t.as(agent())).expect(200);
    expect(events.body[0].data.subject).toBe(subject);
  });

  afterAll(() => {
    expect(refusals.filter((r) => r.startsWith('5'))).toEqual([]);
    expect(refusals.length).toBeGreaterThan(300);
  });
});
