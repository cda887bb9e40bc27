import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { TicketCommandRunner } from '@helpdesk/application';
import { admin, agent, customer, newTicket, otherCustomer, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { openSse, SseClient, SseMessage } from '../support/sse-client';
import { waitUntil } from '../support/wait';

/**
 * GET /live over real HTTP: server-sent events naming what changed, each told once the read side
 * shows it, to those whose reach holds it; resumed from Last-Event-ID, reset when too far behind,
 * kept open by heartbeats, ended when the credential runs out or the app shuts down.
 */
const HEARTBEAT_MS = '150';
const REPLAY_MAX = 12;

describe('live updates: GET /live (server-sent events)', () => {
  let t: TestApp;
  const log: string[] = [];
  const open: SseClient[] = [];

  beforeAll(async () => {
    const logStream = new Writable({ write: (chunk, _enc, done) => (log.push(String(chunk)), done()) });
    t = await startTestApp({ env: { RUN_ROUTING: 'false', LIVE_HEARTBEAT_MS: HEARTBEAT_MS, LIVE_REPLAY_MAX_EVENTS: String(REPLAY_MAX), LIVE_MAX_STREAMS_PER_PRINCIPAL: '3' }, logStream });
  });
  afterEach(() => open.splice(0).forEach((s) => s.close()));
  afterAll(async () => t.destroy());

  const base = () => t.url.replace('[::1]', '127.0.0.1');
  const stream = async (who: TestUser | null, options: { query?: Record<string, string>; headers?: Record<string, string> } = {}) => {
    const query = new URLSearchParams(options.query ?? {}).toString();
    const client = await openSse(`${base()}/live${query ? `?${query}` : ''}`, { ...(who ? t.as(who) : {}), ...options.headers });
    open.push(client);
    return client;
  };
  /** A stream that has joined the feed: what happens after this is told to it. */
  const joined = async (who: TestUser | null, options: Parameters<typeof stream>[1] = {}) => {
    const client = await stream(who, options);
    expect({ status: client.status, type: client.headers['content-type'] }).toEqual({ status: 200, type: 'text/event-stream; charset=utf-8' });
    await client.next('ready', (m) => m.event === 'ready' || m.event === 'reset');
    return client;
  };
  const submit = async (who: TestUser, overrides: Record<string, unknown> = {}) =>
    (await t.http.post('/tickets').set(t.as(who)).send(newTicket({ customer: { name: who.id, email: who.email, timezone: 'Asia/Karachi', language: 'en' }, ...overrides })).expect(201)).body as { id: string; number: string; position: string };
  const aboutTicket = (id: string) => (m: SseMessage) => m.event === 'ticket' && m.data.ticketId === id;
  const told = (client: SseClient, id: string, type: string) => client.next(`${type} of ${id}`, (m) => aboutTicket(id)(m) && m.data.type === type);

  it('refuses a request without a credential, with a bad ticket, or with a bad Last-Event-ID', async () => {
    const none = await stream(null);
    expect({ status: none.status, type: none.body.type }).toEqual({ status: 401, type: 'urn:helpdesk:problem:unauthenticated' });
    const forged = await stream(null, { query: { ticket: `hdl.${Buffer.from('{"sub":"admin-1"}').toString('base64url')}.${'A'.repeat(43)}` } });
    expect({ status: forged.status, type: forged.body.type }).toEqual({ status: 401, type: 'urn:helpdesk:problem:invalid-token' });
    const malformed = await stream(null, { query: { ticket: 'not-a-ticket' } });
    expect({ status: malformed.status, type: malformed.body.type }).toEqual({ status: 401, type: 'urn:helpdesk:problem:invalid-token' });
    const badResume = await stream(supervisor, { headers: { 'Last-Event-ID': 'yesterday' } });
    expect({ status: badResume.status, type: badResume.body.type }).toEqual({ status: 400, type: 'urn:helpdesk:problem:invalid-position' });
    // A ticket is for a signed-in session: an API token uses its header on GET /live itself.
    const apiToken = (await t.http.post('/auth/api-tokens').set(t.as(admin)).send({ name: 'live' }).expect(201)).body.token as string;
    const refused = await t.http.post('/live/ticket').set({ Authorization: `Bearer ${apiToken}` }).expect(403);
    expect(refused.body.type).toBe('urn:helpdesk:problem:not-allowed');
    const byApiToken = await joined(admin, { headers: { Authorization: `Bearer ${apiToken}` } });
    expect(byApiToken.messages[0].event).toBe('ready');
  });

  it('opens with a stream ticket, which never reaches the request log', async () => {
    const issued = (await t.http.post('/live/ticket').set(t.as(customer)).expect(200)).body as { ticket: string; expiresAt: string; streamUntil: string };
    expect(issued.ticket).toMatch(/^hdl\./);
    const client = await joined(null, { query: { ticket: issued.ticket } });
    const ticket = await submit(customer);
    const message = await told(client, ticket.id, 'TicketSubmitted');
    expect(message).toEqual({ event: 'ticket', id: ticket.position, data: { ticketId: ticket.id, number: ticket.number, type: 'TicketSubmitted', position: ticket.position } });
    client.close();
    // Logged when it closes, as the customer's, with the route and never the URL.
    await waitUntil('the stream to be logged', () => log.some((line) => line.includes('"route":"/live"') && line.includes(`"id":"${customer.id}"`)));
    expect(log.join('\n')).not.toContain(issued.ticket.slice(4, 40));
  });

  it('tells each principal only what is within their reach: a customer never hears of another customer’s ticket, nor of an internal note', async () => {
    const [sup, ayesha, bilal, ali] = await Promise.all([joined(supervisor), joined(customer), joined(otherCustomer), joined(agent('agent-ali'))]);
    const ticket = await submit(customer);
    for (const client of [sup, ayesha, ali]) await told(client, ticket.id, 'TicketSubmitted');

    // An internal note: staff are told; the customer is not even told that something changed.
    const note = (await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(agent('agent-ali'))).send({ body: 'internal only', visibility: 'internal' }).expect(200)).body;
    await told(sup, ticket.id, 'CommentAdded');
    await t.http.post(`/tickets/${ticket.id}/tags`).set(t.as(agent('agent-ali'))).send({ add: ['vip'] }).expect(200);
    const reply = (await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(agent('agent-ali'))).send({ body: 'a public reply', visibility: 'public' }).expect(200)).body;
    const heard = await ayesha.next('the public reply', (m) => m.id === reply.position);
    expect(heard.data).toMatchObject({ ticketId: ticket.id, type: 'CommentAdded' });
    const toAyesha = ayesha.messages.filter(aboutTicket(ticket.id));
    expect(toAyesha.map((m) => m.data.type)).toEqual(['TicketSubmitted', 'CommentAdded']);
    // (A heartbeat may move her resume id past the note, naming no ticket and no change: that is all she can learn.)
    expect(ayesha.messages.filter((m) => m.id === note.position).map((m) => m.event).filter((e) => e !== 'position')).toEqual([]);

    // Bilal's own ticket comes after all of Ayesha's: by then he would have heard of hers.
    const his = await submit(otherCustomer);
    await told(bilal, his.id, 'TicketSubmitted');
    expect(bilal.messages.filter((m) => m.event === 'ticket').map((m) => m.data.ticketId)).toEqual([his.id]);
    expect(JSON.stringify(bilal.messages)).not.toContain(ticket.number);

    // Routed to a team Ali is not in: he is told it left, then nothing more of it.
    await t.app.get(TicketCommandRunner).execute(ticket.id, { type: 'SetTeam', data: { team: 'lahore' } }, { actor: { id: 'admin-1', role: 'admin' }, scope: {}, correlationId: randomUUID() });
    await told(ali, ticket.id, 'TicketTeamChanged');
    const after = ali.messages.length;
    await t.http.post(`/tickets/${ticket.id}/prioritize`).set(t.as(supervisor)).send({ priority: 'high' }).expect(200);
    await told(sup, ticket.id, 'TicketPrioritized');
    const marker = await submit(customer);
    await told(ali, marker.id, 'TicketSubmitted');
    expect(ali.messages.slice(after).filter(aboutTicket(ticket.id))).toEqual([]);
    // Staff-only facts never reach the customers' streams at all.
    for (const client of [ayesha, bilal]) expect(client.messages.filter((m) => m.event !== 'ticket' && !['ready', 'position'].includes(m.event))).toEqual([]);
    expect(ayesha.messages.filter(aboutTicket(ticket.id)).map((m) => m.data.type)).not.toContain('TicketTeamChanged');
  });

  it('resumes from Last-Event-ID (header or query), replaying what was missed', async () => {
    const witness = await joined(admin);
    const first = await joined(supervisor);
    const seen = await submit(customer);
    const last = await told(first, seen.id, 'TicketSubmitted');
    first.close();
    const missed = [await submit(customer), await submit(otherCustomer)];
    const submitted = (messages: SseMessage[]) => messages.filter((m) => m.event === 'ticket' && m.data.type === 'TicketSubmitted').map((m) => m.data.ticketId);

    // Resumed at once, the feed may not have told them yet (it tells each once the read side shows
    // it: on a slow read store, after this stream joined): then they come after `ready`, live.
    // Replayed or live, each is told once, in order, and nothing up to the resume id again.
    const atOnce = await stream(admin, { headers: { 'Last-Event-ID': last.id! } });
    await atOnce.next('ready', (m) => m.event === 'ready');
    for (const ticket of missed) await told(atOnce, ticket.id, 'TicketSubmitted');
    expect(submitted(atOnce.messages)).toEqual(missed.map((m) => m.id));
    expect(atOnce.messages.filter((m) => m.event === 'ticket' && BigInt(m.id!) <= BigInt(last.id!))).toEqual([]);

    // Once the feed has told them (the witness heard both), a resume replays them before `ready`.
    for (const ticket of missed) await told(witness, ticket.id, 'TicketSubmitted');
    const resumed = await stream(supervisor, { headers: { 'Last-Event-ID': last.id! } });
    const ready = await resumed.next('ready', (m) => m.event === 'ready');
    expect(submitted(resumed.messages.slice(0, resumed.messages.indexOf(ready)))).toEqual(missed.map((m) => m.id));
    expect(resumed.messages.some((m) => m.id === last.id)).toBe(false);

    // A fresh EventSource cannot set the header: the same by query parameter, for a customer.
    const mine = await stream(customer, { query: { lastEventId: last.id! } });
    const mineReady = await mine.next('ready', (m) => m.event === 'ready');
    expect(mine.messages.slice(0, mine.messages.indexOf(mineReady)).filter((m) => m.event === 'ticket').map((m) => m.data.ticketId)).toEqual([missed[0].id]);
  });

  it('tells a stream too far behind, or from another history, to reset', async () => {
    for (let i = 0; i < REPLAY_MAX / 2; i++) await submit(customer);
    const far = await stream(supervisor, { headers: { 'Last-Event-ID': '0' } });
    const reset = await far.next('reset', (m) => m.event === 'reset' || m.event === 'ready');
    expect(reset.event).toBe('reset');
    expect(reset.id).toBe(reset.data.position);
    const future = await stream(supervisor, { query: { lastEventId: '99999999' } });
    expect((await future.next('reset', (m) => m.event === 'reset' || m.event === 'ready')).event).toBe('reset');
    // After a reset the stream is live like any other.
    const ticket = await submit(customer);
    await told(far, ticket.id, 'TicketSubmitted');
  });

  it('sends heartbeats, and the position when the feed moved on with nothing for the listener', async () => {
    const bilal = await joined(otherCustomer);
    await waitUntil('two heartbeats', () => bilal.comments >= 2);
    const theirs = await submit(customer);
    const moved = await bilal.next('the position', (m) => m.event === 'position' && BigInt(m.data.position) >= BigInt(theirs.position));
    expect(moved.id).toBe(moved.data.position);
    expect(bilal.messages.filter((m) => m.event === 'ticket')).toEqual([]);
  });

  it('caps the streams one account holds', async () => {
    const sara = agent('agent-sara');
    for (let i = 0; i < 3; i++) await joined(sara);
    const fourth = await stream(sara);
    expect({ status: fourth.status, type: fourth.body.type, retryAfter: fourth.headers['retry-after'] }).toEqual({ status: 429, type: 'urn:helpdesk:problem:too-many-streams', retryAfter: '30' });
    open.pop();
    open[open.length - 1].close();
    await waitUntil('a place to free up', async () => {
      const again = await stream(sara);
      return again.status === 200 ? again : (open.pop(), undefined);
    });
  });

  it('ends a stream when its own account changes or its session ends', async () => {
    const nadia: TestUser = { id: 'agent-nadia', role: 'agent', email: 'nadia@helpdesk.test' };
    await t.addUser(nadia);
    const client = await joined(nadia);
    await t.http.post(`/users/${nadia.id}/teams`).set(t.as(admin)).send({ teams: ['karachi'] }).expect(200);
    expect((await client.next('the end', (m) => m.event === 'end')).data).toEqual({ reason: 'account-changed' });
    await client.ended();

    const session = await t.newSession(customer);
    const signedIn = await stream(null, { headers: session });
    await signedIn.next('ready', (m) => m.event === 'ready');
    await t.http.post('/auth/logout').set(session).send({}).expect(204);
    expect((await signedIn.next('the end', (m) => m.event === 'end')).data).toEqual({ reason: 'signed-out' });
  });

  // Last: the app's clock jumps past every token's expiry.
  it('ends a stream when its access token expires', async () => {
    const client = await joined(supervisor);
    t.clock.advance(16 * 60 * 1000);
    expect((await client.next('the end', (m) => m.event === 'end')).data).toEqual({ reason: 'expired' });
    await client.ended();
  });
});

describe('live updates at shutdown', () => {
  it('ends open streams first, so a graceful shutdown does not wait for them', async () => {
    // A grace far longer than any test: were the streams waited for, the close would hang.
    const t = await startTestApp({ env: { SHUTDOWN_GRACE_MS: '3600000' } });
    try {
      const client = await openSse(`${t.url.replace('[::1]', '127.0.0.1')}/live`, t.as(supervisor));
      await client.next('ready', (m) => m.event === 'ready');
      await t.stop();
      expect(client.messages.at(-1)).toEqual({ event: 'end', data: { reason: 'shutdown' } });
      await client.ended();
    } finally {
      await t.destroy();
    }
  });
});
