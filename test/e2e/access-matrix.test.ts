import request from 'supertest';
import { USER_ROLES, UserRole, VerificationSecrets, verificationStreamId } from '@helpdesk/identity';
import { MAIL_THREAD_KEY } from '../../apps/api/src/mail/mail-thread-key';
import { POLICY } from '../../apps/api/src/auth/policy';
import { NotificationCommandRunner } from '../../apps/api/src/notifications/notification-command-runner';
import { MAIL_INGEST, MailIngest } from '../../apps/api/src/mail/mail-ingest.port';
import { SatisfactionService } from '../../apps/api/src/satisfaction/satisfaction.service';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { admin, agent, analyst, auditor, customer, newTicket, otherCustomer, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind, waitUntil } from '../support/wait';
import { openSse } from '../support/sse-client';

/**
 * Every endpoint as every role: allowed (a 2xx, with the fixture set up so the action is
 * possible for that role) or refused (403 not-allowed). The expectations below are written from
 * the issue, not read from POLICY, so this checks the guard, the policy table and the deciders
 * together. Every response a customer receives is also searched for internal notes.
 */
// Its condition holds for no ticket the matrix makes: an enabled one never changes a fixture.
const RULE = { name: 'Matrix rule', events: ['TicketSubmitted'], conditions: [{ field: 'tags', op: 'has_any', values: ['never-in-the-matrix'] }], actions: [{ type: 'add_tags', tags: ['matrix'] }] };
const MACRO = { name: 'Matrix macro', reply: { en: 'Hello {{customer.name}}, an internal look at {{ticket.number}}.' }, visibility: 'internal', changes: { addTags: ['matrix'] } };
const Y = true;
const _ = false;
//                                        customer agent  superv auditor analyst admin
const EXPECTED: Record<string, 'public' | boolean[]> = {
  'GET /health':                          'public',
  'GET /health/live':                     'public',
  'GET /health/ready':                    'public',
  'GET /metrics/prometheus':              [_, _, _, Y, _, Y],
  'POST /auth/login':                     'public',
  'POST /auth/refresh':                   'public',
  'POST /auth/logout':                    [Y, Y, Y, Y, Y, Y],
  'GET /auth/me':                         [Y, Y, Y, Y, Y, Y],
  'POST /auth/password':                  [Y, Y, Y, Y, Y, Y],
  'GET /auth/api-tokens':                 [Y, Y, Y, Y, Y, Y],
  'POST /auth/api-tokens':                [Y, Y, Y, Y, Y, Y],
  'DELETE /auth/api-tokens/:tokenId':     [Y, Y, Y, Y, Y, Y],
  'POST /tickets':                        [Y, Y, Y, _, _, Y],
  'POST /tickets/:id/assign':             [_, Y, Y, _, _, Y],
  'POST /tickets/:id/acknowledge':        [_, Y, Y, _, _, Y],
  'POST /tickets/:id/prioritize':         [_, Y, Y, _, _, Y],
  'POST /tickets/:id/categorize':         [_, Y, Y, _, _, Y],
  'POST /tickets/:id/tags':               [_, Y, Y, _, _, Y],
  'POST /tickets/:id/start':              [_, Y, Y, _, _, Y],
  'POST /tickets/:id/comments':           [Y, Y, Y, _, _, Y],
  'POST /tickets/:id/wait':               [_, Y, Y, _, _, Y],
  'POST /tickets/:id/resolve':            [_, Y, Y, _, _, Y],
  'POST /tickets/:id/confirm':            [Y, _, _, _, _, _],
  'POST /tickets/:id/reject':             [Y, _, _, _, _, _],
  'POST /tickets/:id/close':              [_, Y, Y, _, _, Y],
  'POST /tickets/:id/reopen':             [Y, Y, Y, _, _, Y],
  'GET /tickets/:id/events':              [_, Y, Y, Y, _, Y],
  'GET /tickets':                         [Y, Y, Y, Y, Y, Y],
  'GET /tickets/:id':                     [Y, Y, Y, Y, Y, Y],
  'GET /tickets/:id/attachments':         [Y, Y, Y, Y, Y, Y],
  'GET /tickets/:id/attachments/:attachmentId': [Y, Y, Y, Y, _, Y],
  'GET /tickets/:id/audit':               [_, Y, Y, Y, _, Y],
  'GET /tickets/:id/history':             [_, Y, Y, Y, _, Y],
  'GET /tickets/:id/state':               [_, Y, Y, Y, _, Y],
  'GET /audit/verify':                    [_, _, _, Y, _, Y],
  'GET /audit/trail':                     [_, _, _, Y, _, Y],
  'GET /audit/checkpoints':               [_, _, _, Y, _, Y],
  'POST /audit/checkpoints':              [_, _, _, _, _, Y],
  'GET /queue':                           [_, Y, Y, Y, Y, Y],
  'GET /queue/counts':                    [_, Y, Y, Y, Y, Y],
  'GET /sla/breaches':                    [_, Y, Y, Y, Y, Y],
  'GET /sla/at-risk':                     [_, Y, Y, Y, Y, Y],
  'GET /sla/policies':                    [_, Y, Y, Y, Y, Y],
  'POST /sla/policies':                   [_, _, Y, _, _, Y],
  'GET /metrics/daily':                   [_, _, Y, Y, Y, Y],
  'GET /metrics/weekly':                  [_, _, Y, Y, Y, Y],
  'GET /metrics/backlog':                 [_, _, Y, Y, Y, Y],
  'GET /metrics/backlog/ages':            [_, _, Y, Y, Y, Y],
  'GET /metrics/summary':                 [_, _, Y, Y, Y, Y],
  'GET /metrics/ratings':                 [_, _, Y, Y, Y, Y],
  'GET /export/:collection':              [_, _, Y, Y, Y, Y],
  'GET /workload':                        [_, _, Y, Y, Y, Y],
  'GET /projections':                     [_, _, Y, Y, Y, Y],
  'GET /agents':                          [_, Y, Y, Y, Y, Y],
  'GET /agents/:id':                      [_, Y, Y, Y, Y, Y],
  'POST /agents':                         [_, _, Y, _, _, Y],
  'POST /agents/:id/skills':              [_, _, Y, _, _, Y],
  'POST /agents/:id/languages':           [_, Y, Y, _, _, Y],
  'POST /agents/:id/cap':                 [_, _, Y, _, _, Y],
  'POST /agents/:id/hours':               [_, Y, Y, _, _, Y],
  'POST /agents/:id/availability':        [_, Y, Y, _, _, Y],
  'POST /agents/:id/deactivate':          [_, _, Y, _, _, Y],
  'POST /agents/:id/reactivate':          [_, _, Y, _, _, Y],
  'GET /mail':                            [_, Y, Y, Y, _, Y],
  'GET /mail/:id':                        [_, Y, Y, Y, _, Y],
  'GET /mail/:id/raw':                    [_, Y, Y, Y, _, Y],
  'POST /mail/:id/rethread':              [_, _, Y, _, _, Y],
  'GET /users':                           [_, _, Y, Y, _, Y],
  'GET /users/:id':                       [_, _, Y, Y, _, Y],
  'GET /users/:id/events':                [_, _, _, Y, _, Y],
  'POST /users':                          [_, _, Y, _, _, Y],
  'POST /users/:id/role':                 [_, _, _, _, _, Y],
  'POST /users/:id/teams':                [_, _, Y, _, _, Y],
  'POST /users/:id/deactivate':           [_, _, Y, _, _, Y],
  'POST /users/:id/reactivate':           [_, _, Y, _, _, Y],
  'POST /users/:id/password':             [_, _, _, _, _, Y],
  'POST /users/:id/pii-access':           [_, _, _, _, _, Y],
  'DELETE /users/:id/pii-access':         [_, _, _, _, _, Y],
  'POST /users/:id/api-tokens':           [_, _, _, _, _, Y],
  'DELETE /users/:id/api-tokens/:tokenId': [_, _, _, _, _, Y],
  'GET /tickets/:id/notifications':       [_, Y, Y, Y, _, Y],
  'GET /notifications':                   [_, _, Y, Y, _, Y],
  'POST /notifications/:id/retry':        [_, _, Y, _, _, Y],
  'POST /privacy/subjects/:email/erase':  [_, _, _, _, _, Y],
  'GET /privacy/subjects/:email/export':  [Y, _, _, _, _, Y],
  'GET /privacy/retention':               [_, _, _, _, _, Y],
  'POST /auth/customer/start':            'public',
  'POST /auth/customer/verify':           'public',
  'POST /auth/customer/password':         [Y, _, _, _, _, _],
  'POST /public/tickets':                 'public',
  'POST /tickets/:id/satisfaction':       [Y, _, _, _, _, _],
  'GET /satisfaction/:token':             'public',
  'POST /satisfaction/:token':            'public',
  'GET /kb/search':                       'public',
  'GET /kb/articles':                     [_, Y, Y, _, _, Y],
  'GET /kb/articles/:id':                 'public',
  'GET /kb/articles/:id/versions/:version': [_, Y, Y, _, _, Y],
  'POST /kb/articles':                    [_, Y, Y, _, _, Y],
  'POST /kb/articles/from-ticket':        [_, Y, Y, _, _, Y],
  'POST /kb/articles/:id/edits':          [_, Y, Y, _, _, Y],
  'POST /kb/articles/:id/publish':        [_, _, Y, _, _, Y],
  'POST /kb/articles/:id/unpublish':      [_, _, Y, _, _, Y],
  'POST /kb/articles/:id/archive':        [_, _, Y, _, _, Y],
  'POST /kb/articles/:id/links':          [_, Y, Y, _, _, Y],
  'POST /kb/articles/:id/votes':          [Y, Y, Y, _, _, Y],
  'POST /kb/articles/:id/views':          'public',
  'GET /tickets/:id/articles':            [Y, Y, Y, Y, Y, Y],
  'POST /kb/suggestions':                 'public',
  'POST /kb/suggestions/:sessionId/opened': 'public',
  'POST /kb/suggestions/:sessionId/deflected': 'public',
  'POST /kb/suggestions/:sessionId/filed': 'public',
  'GET /metrics/knowledge':               [_, _, Y, Y, Y, Y],
  'GET /macros':                          [_, Y, Y, _, _, Y],
  'GET /macros/:id':                      [_, Y, Y, _, _, Y],
  'POST /macros':                         [_, _, Y, _, _, Y],
  'PUT /macros/:id':                      [_, _, Y, _, _, Y],
  'POST /macros/:id/retire':              [_, _, Y, _, _, Y],
  'POST /tickets/:id/macros/:macroId':    [_, Y, Y, _, _, Y],
  'GET /automation/rules':                [_, _, Y, Y, _, Y],
  'GET /automation/rules/:id':            [_, _, Y, Y, _, Y],
  'POST /automation/rules':               [_, _, Y, _, _, Y],
  'PUT /automation/rules/:id':            [_, _, Y, _, _, Y],
  'POST /automation/rules/:id/enable':    [_, _, Y, _, _, Y],
  'POST /automation/rules/:id/disable':   [_, _, Y, _, _, Y],
  'POST /automation/rules/:id/reorder':   [_, _, Y, _, _, Y],
  'POST /automation/rules/backtest':      [_, _, Y, _, _, Y],
  'POST /automation/rules/:id/backtest':  [_, _, Y, _, _, Y],
  'GET /automation/firings':              [_, _, Y, Y, _, Y],
  'GET /live':                            [Y, Y, Y, Y, Y, Y],
  'POST /live/ticket':                    [Y, Y, Y, Y, Y, Y],
  'GET /directory':                       [_, Y, Y, Y, Y, Y],
  'GET /search/tickets':                  [Y, Y, Y, Y, _, Y],
  'GET /tickets/:id/customer-context':    [_, Y, Y, Y, _, Y],
};

const ACTORS: Record<UserRole, TestUser> = { customer, agent: agent('agent-ali'), supervisor, auditor, analyst, admin };
const PASSWORD = 'matrix password, long enough';
const NOTE = 'INTERNAL-NOTE-never-for-customers';
const OFFICE = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };

type Res = request.Response;
type Run = (who: TestUser) => Promise<Res>;

describe('access matrix: every endpoint as every role', () => {
  let t: TestApp;
  const customerResponses: Array<{ label: string; text: string }> = [];
  let serial = 0;

  beforeAll(async () => {
    // One account with a password per role, for the endpoints that need one.
    const withPasswords = USER_ROLES.map((role) => ({ id: `pw-${role}`, role, email: `pw-${role}@helpdesk.test`, password: PASSWORD }));
    // Routing off: the roster cases put agents online, and fixture tickets must stay where the test puts them.
    t = await startTestApp({ users: withPasswords, env: { RUN_ROUTING: 'false' } });
  });
  afterAll(async () => t.destroy());

  const http = () => t.http;
  const send = async (label: string, who: TestUser | null, make: (h: ReturnType<typeof http>) => request.Test): Promise<Res> => {
    // On a slow read store the matrix writes faster than it projects: reads retry while behind.
    // FerretDB (every write in turn) has fallen more than a minute behind here in CI.
    const res = await retryWhileBehind(() => {
      const req = make(http());
      return who ? req.set(t.as(who)) : req;
    }, 300_000);
    if (who?.role === 'customer') customerResponses.push({ label, text: res.text + JSON.stringify(res.headers) });
    return res;
  };
  const ok = async (label: string, who: TestUser, make: (h: ReturnType<typeof http>) => request.Test) => {
    const res = await send(label, who, make);
    if (res.status >= 300) throw new Error(`fixture step ${label} as ${who.id} answered ${res.status}: ${res.text}`);
    return res.body;
  };

  /** A fresh ticket of `customer`'s with an internal note, brought to `state`, worked by `assignee`. */
  async function ticket(state: 'new' | 'assigned' | 'in_progress' | 'resolved' | 'confirmed', assignee: TestUser = agent('agent-ali')) {
    const { id } = await ok('submit', customer, (h) => h.post('/tickets').send(newTicket({ subject: `matrix ${++serial}` })));
    let last = await ok('note', agent('agent-ali'), (h) => h.post(`/tickets/${id}/comments`).send({ body: `${NOTE} ${serial}`, visibility: 'internal' }));
    if (state === 'new') return { id, position: last.position as string };
    last = await ok('assign', supervisor, (h) => h.post(`/tickets/${id}/assign`).send({ agentId: assignee.id }));
    if (state === 'assigned') return { id, position: last.position as string };
    last = await ok('start', assignee, (h) => h.post(`/tickets/${id}/start`).send({}));
    if (state === 'in_progress') return { id, position: last.position as string };
    last = await ok('resolve', assignee, (h) => h.post(`/tickets/${id}/resolve`).send({ resolution: 'Fixed' }));
    if (state === 'resolved') return { id, position: last.position as string };
    last = await ok('confirm', customer, (h) => h.post(`/tickets/${id}/confirm`).send({}));
    return { id, position: last.position as string };
  }

  /** The rating link's token of a resolved ticket, as the resolution mail carries it. */
  async function ratingLinkFor(ticketId: string): Promise<string> {
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${ticketId}`);
    const offer = stream.filter((e) => e.type === 'SatisfactionOffered').pop()!.data as { offerId: string; changeableUntil: string };
    return t.app.get(SatisfactionService).tokens.sign({ ticketId, offerId: offer.offerId, customerEmail: customer.email, expiresAt: offer.changeableUntil });
  }

  /** A fresh ticket of `customer`'s submitted with a file (multipart). */
  async function ticketWithFile() {
    const { id, attachments } = await ok('submit with a file', customer, (h) => {
      const req = h.post('/tickets').field('subject', `matrix file ${++serial}`).field('description', 'See the screenshot').field('channel', 'web');
      for (const [k, v] of Object.entries({ name: 'Ayesha Khan', email: customer.email })) req.field(`customer[${k}]`, v);
      return req.attach('files', Buffer.from('a log line\n'), { filename: 'log.txt', contentType: 'text/plain' });
    });
    const last = await ok('note', agent('agent-ali'), (h) => h.post(`/tickets/${id}/comments`).send({ body: `${NOTE} ${serial}`, visibility: 'internal' }));
    return { id, position: last.position as string, attachmentId: attachments[0].id as string };
  }

  /** A fresh account to act on. */
  async function account(role: UserRole = 'agent') {
    const user: TestUser = { id: `target-${++serial}`, role, email: `target-${serial}@helpdesk.test` };
    await t.addUser(user);
    return user;
  }

  /** A roster record to act on: an agent's own (agents may change only theirs), else a fresh one. */
  const rostered = new Map<string, string>();
  async function rosterAgent(who: TestUser) {
    const agentId = who.role === 'agent' ? who.id : `roster-${++serial}`;
    if (!rostered.has(agentId)) {
      const { position } = await ok('register agent', admin, (h) => h.post('/agents').send({ agentId, name: agentId, email: `${agentId}@helpdesk.test`, skills: ['incident'], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5 }));
      rostered.set(agentId, String(position));
    }
    return agentId;
  }

  /** A fresh inbound message with no sender: held for staff. */
  async function heldMail() {
    const raw = Buffer.from(`To: support@helpdesk.test\r\nSubject: matrix ${++serial}\r\nMessage-ID: <matrix-${serial}@example.pk>\r\n\r\nWho sent this?\r\n`);
    const { mailId, outcome } = await t.app.get<MailIngest>(MAIL_INGEST).ingest(raw, { transport: 'cli' });
    if (outcome !== 'held') throw new Error(`fixture mail was ${outcome}, not held`);
    return mailId;
  }

  const pw = (who: TestUser): TestUser => ({ id: `pw-${who.role}`, role: who.role, email: `pw-${who.role}@helpdesk.test` });
  const assigneeFor = (who: TestUser) => (who.role === 'supervisor' || who.role === 'admin' ? who : agent('agent-ali'));

  const RUNS: Record<string, Run> = {
    'GET /health': () => send('health', null, (h) => h.get('/health')),
    'GET /health/live': () => send('live', null, (h) => h.get('/health/live')),
    'GET /health/ready': () => send('ready', null, (h) => h.get('/health/ready')),
    'GET /metrics/prometheus': (who) => send('prometheus', who, (h) => h.get('/metrics/prometheus')),
    'POST /auth/login': () => send('login', null, (h) => h.post('/auth/login').send({ email: 'pw-agent@helpdesk.test', password: PASSWORD })),
    'POST /auth/refresh': async () => {
      const login = await send('login', null, (h) => h.post('/auth/login').send({ email: 'pw-auditor@helpdesk.test', password: PASSWORD }));
      return send('refresh', null, (h) => h.post('/auth/refresh').send({ refreshToken: login.body.refreshToken }));
    },
    'POST /auth/logout': async (who) => {
      const session = await t.newSession(who); // not the one the rest of the matrix uses
      const res = await http().post('/auth/logout').set(session).send({});
      if (who.role === 'customer') customerResponses.push({ label: 'logout', text: res.text });
      return res;
    },
    'GET /auth/me': (who) => send('me', who, (h) => h.get('/auth/me')),
    'POST /auth/password': async (who) => {
      const res = await send('password', pw(who), (h) => h.post('/auth/password').send({ currentPassword: PASSWORD, newPassword: PASSWORD }));
      await t.addUser(pw(who)); // the change ended its sessions: a fresh one for later cases
      return res;
    },
    'GET /auth/api-tokens': (who) => send('tokens', who, (h) => h.get('/auth/api-tokens')),
    'POST /auth/api-tokens': (who) => send('issue token', who, (h) => h.post('/auth/api-tokens').send({ name: 'matrix' })),
    'DELETE /auth/api-tokens/:tokenId': async (who) => {
      const issued = await ok('issue token', who, (h) => h.post('/auth/api-tokens').send({ name: 'to revoke' }));
      return send('revoke token', who, (h) => h.delete(`/auth/api-tokens/${issued.id}`));
    },

    'POST /tickets': (who) => send('submit', who, (h) => h.post('/tickets').send(newTicket())),
    'POST /tickets/:id/assign': async (who) => {
      const { id } = await ticket('new');
      return send('assign', who, (h) => h.post(`/tickets/${id}/assign`).send({ agentId: who.role === 'agent' ? who.id : 'agent-ali' }));
    },
    'POST /tickets/:id/acknowledge': async (who) => {
      const { id } = await ticket('assigned', assigneeFor(who));
      return send('acknowledge', who, (h) => h.post(`/tickets/${id}/acknowledge`).send({}));
    },
    'POST /tickets/:id/prioritize': async (who) => {
      const { id } = await ticket('new');
      return send('prioritize', who, (h) => h.post(`/tickets/${id}/prioritize`).send({ priority: 'high' }));
    },
    'POST /tickets/:id/categorize': async (who) => {
      const { id } = await ticket('new');
      return send('categorize', who, (h) => h.post(`/tickets/${id}/categorize`).send({ category: 'question' }));
    },
    'POST /tickets/:id/tags': async (who) => {
      const { id } = await ticket('new');
      return send('tag', who, (h) => h.post(`/tickets/${id}/tags`).send({ add: ['vip'] }));
    },
    'POST /tickets/:id/start': async (who) => {
      const { id } = await ticket('assigned', assigneeFor(who));
      return send('start', who, (h) => h.post(`/tickets/${id}/start`).send({}));
    },
    'POST /tickets/:id/comments': async (who) => {
      const { id } = await ticket('new');
      return send('comment', who, (h) => h.post(`/tickets/${id}/comments`).send({ body: 'A public reply', visibility: 'public' }));
    },
    'POST /tickets/:id/wait': async (who) => {
      const { id } = await ticket('in_progress');
      return send('wait', who, (h) => h.post(`/tickets/${id}/wait`).send({}));
    },
    'POST /tickets/:id/resolve': async (who) => {
      const { id } = await ticket('in_progress');
      return send('resolve', who, (h) => h.post(`/tickets/${id}/resolve`).send({ resolution: 'Done' }));
    },
    'POST /tickets/:id/confirm': async (who) => {
      const { id } = await ticket('resolved');
      return send('confirm', who, (h) => h.post(`/tickets/${id}/confirm`).send({}));
    },
    'POST /tickets/:id/reject': async (who) => {
      const { id } = await ticket('resolved');
      return send('reject', who, (h) => h.post(`/tickets/${id}/reject`).send({ reason: 'Still broken' }));
    },
    'POST /tickets/:id/close': async (who) => {
      const { id } = await ticket('confirmed');
      return send('close', who, (h) => h.post(`/tickets/${id}/close`).send({}));
    },
    'POST /tickets/:id/reopen': async (who) => {
      const { id } = await ticket('resolved');
      return send('reopen', who, (h) => h.post(`/tickets/${id}/reopen`).send({ reason: 'Broke again' }));
    },
    'GET /tickets/:id/events': async (who) => {
      const { id } = await ticket('in_progress');
      return send('events', who, (h) => h.get(`/tickets/${id}/events`));
    },
    'GET /tickets': async (who) => {
      const { position } = await ticket('resolved');
      return send('list', who, (h) => h.get('/tickets').query({ consistentWith: position }));
    },
    'GET /tickets/:id': async (who) => {
      const { id, position } = await ticket('resolved');
      return send('get', who, (h) => h.get(`/tickets/${id}`).query({ consistentWith: position }));
    },
    'GET /tickets/:id/attachments': async (who) => {
      const { id, position } = await ticketWithFile();
      return send('attachments', who, (h) => h.get(`/tickets/${id}/attachments`).query({ consistentWith: position }));
    },
    'GET /tickets/:id/attachments/:attachmentId': async (who) => {
      const { id, position, attachmentId } = await ticketWithFile();
      return send('download', who, (h) => h.get(`/tickets/${id}/attachments/${attachmentId}`).query({ consistentWith: position }));
    },
    'GET /tickets/:id/audit': async (who) => {
      const { id, position } = await ticket('in_progress');
      return send('audit', who, (h) => h.get(`/tickets/${id}/audit`).query({ consistentWith: position }));
    },
    'GET /tickets/:id/history': async (who) => {
      const { id } = await ticket('in_progress');
      return send('history', who, (h) => h.get(`/tickets/${id}/history`));
    },
    'GET /tickets/:id/state': async (who) => {
      const { id } = await ticket('in_progress');
      return send('state', who, (h) => h.get(`/tickets/${id}/state`).query({ revision: 1 }));
    },
    'GET /audit/verify': async (who) => {
      const { id } = await ticket('new');
      return send('verify', who, (h) => h.get('/audit/verify').query({ ticket: id }));
    },
    'GET /audit/trail': (who) => send('trail', who, (h) => h.get('/audit/trail')),
    'GET /audit/checkpoints': (who) => send('checkpoints', who, (h) => h.get('/audit/checkpoints')),
    'POST /audit/checkpoints': (who) => send('sign feed', who, (h) => h.post('/audit/checkpoints')),
    'GET /queue': (who) => send('queue', who, (h) => h.get('/queue')),
    'GET /queue/counts': (who) => send('queue counts', who, (h) => h.get('/queue/counts')),
    'GET /sla/breaches': (who) => send('breaches', who, (h) => h.get('/sla/breaches')),
    'GET /sla/at-risk': (who) => send('at risk', who, (h) => h.get('/sla/at-risk')),
    'GET /sla/policies': (who) => send('sla policies', who, (h) => h.get('/sla/policies')),
    'POST /sla/policies': (who) => send('publish sla policy', who, (h) => h.post('/sla/policies').send({ targets: { high: { firstResponse: 30, resolution: 480 } } })),
    'GET /metrics/daily': (who) => send('daily', who, (h) => h.get('/metrics/daily')),
    'GET /metrics/weekly': (who) => send('weekly', who, (h) => h.get('/metrics/weekly')),
    'GET /metrics/backlog': (who) => send('backlog', who, (h) => h.get('/metrics/backlog')),
    'GET /metrics/backlog/ages': (who) => send('backlog ages', who, (h) => h.get('/metrics/backlog/ages')),
    'GET /metrics/summary': (who) => send('summary', who, (h) => h.get('/metrics/summary').query({ dimension: 'agent' })),
    'GET /metrics/ratings': (who) => send('ratings', who, (h) => h.get('/metrics/ratings')),
    'GET /export/:collection': (who) => send('export', who, (h) => h.get('/export/tickets')),
    'GET /workload': (who) => send('workload', who, (h) => h.get('/workload')),
    'GET /projections': (who) => send('projections', who, (h) => h.get('/projections')),

    'GET /agents': (who) => send('roster', who, (h) => h.get('/agents')),
    'GET /agents/:id': async (who) => {
      const id = await rosterAgent(who);
      return send('roster agent', who, (h) => h.get(`/agents/${id}`).query({ consistentWith: rostered.get(id) }));
    },
    'POST /agents': (who) =>
      send('register agent', who, (h) => h.post('/agents').send({ agentId: `roster-${++serial}`, name: 'New', email: `roster-${serial}@helpdesk.test`, skills: [], languages: ['en'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 3 })),
    'POST /agents/:id/skills': async (who) => {
      const id = await rosterAgent(who);
      return send('skills', who, (h) => h.post(`/agents/${id}/skills`).send({ skills: ['incident', 'question'] }));
    },
    'POST /agents/:id/languages': async (who) => {
      const id = await rosterAgent(who);
      return send('languages', who, (h) => h.post(`/agents/${id}/languages`).send({ languages: ['ur', 'en'] }));
    },
    'POST /agents/:id/cap': async (who) => {
      const id = await rosterAgent(who);
      return send('cap', who, (h) => h.post(`/agents/${id}/cap`).send({ maxOpenTickets: 8 }));
    },
    'POST /agents/:id/hours': async (who) => {
      const id = await rosterAgent(who);
      return send('hours', who, (h) => h.post(`/agents/${id}/hours`).send({ workingHours: { ...OFFICE, sat: [['10:00', '14:00']] } }));
    },
    'POST /agents/:id/availability': async (who) => {
      const id = await rosterAgent(who);
      return send('availability', who, (h) => h.post(`/agents/${id}/availability`).send({ availability: 'online' }));
    },
    'POST /agents/:id/deactivate': async (who) => {
      const id = await rosterAgent(who);
      return send('deactivate agent', who, (h) => h.post(`/agents/${id}/deactivate`).send({ reason: 'left' }));
    },
    'POST /agents/:id/reactivate': async (who) => {
      const id = await rosterAgent(who);
      await ok('deactivate agent', admin, (h) => h.post(`/agents/${id}/deactivate`).send({ reason: 'leave' }));
      return send('reactivate agent', who, (h) => h.post(`/agents/${id}/reactivate`).send({ reason: 'back' }));
    },
    'GET /mail': (who) => send('mail', who, (h) => h.get('/mail')),
    'GET /mail/:id': async (who) => {
      const id = await heldMail();
      return send('mail history', who, (h) => h.get(`/mail/${id}`));
    },
    'GET /mail/:id/raw': async (who) => {
      const id = await heldMail();
      return send('raw mail', who, (h) => h.get(`/mail/${id}/raw`));
    },
    'POST /mail/:id/rethread': async (who) => {
      const id = await heldMail();
      const { id: ticketId } = await ticket('new');
      return send('rethread', who, (h) => h.post(`/mail/${id}/rethread`).send({ ticketId }));
    },
    'GET /users': (who) => send('users', who, (h) => h.get('/users')),
    'GET /users/:id': async (who) => {
      const target = await account();
      return send('user', who, (h) => h.get(`/users/${target.id}`));
    },
    'GET /users/:id/events': async (who) => {
      const target = await account();
      return send('user events', who, (h) => h.get(`/users/${target.id}/events`));
    },
    'POST /users': (who) => send('register', who, (h) => h.post('/users').send({ email: `new-${++serial}@helpdesk.test`, name: 'New Agent', role: 'agent' })),
    'POST /users/:id/role': async (who) => {
      const target = await account();
      return send('role', who, (h) => h.post(`/users/${target.id}/role`).send({ role: 'supervisor' }));
    },
    'POST /users/:id/teams': async (who) => {
      const target = await account();
      return send('teams', who, (h) => h.post(`/users/${target.id}/teams`).send({ teams: ['billing'] }));
    },
    'POST /users/:id/deactivate': async (who) => {
      const target = await account();
      return send('deactivate', who, (h) => h.post(`/users/${target.id}/deactivate`).send({ reason: 'left' }));
    },
    'POST /users/:id/reactivate': async (who) => {
      const target = await account();
      await ok('deactivate', admin, (h) => h.post(`/users/${target.id}/deactivate`).send({}));
      return send('reactivate', who, (h) => h.post(`/users/${target.id}/reactivate`).send({}));
    },
    'POST /users/:id/password': async (who) => {
      const target = await account();
      return send('set password', who, (h) => h.post(`/users/${target.id}/password`).send({ password: PASSWORD }));
    },
    'POST /users/:id/pii-access': async (who) => {
      const target = await account('analyst');
      return send('grant pii', who, (h) => h.post(`/users/${target.id}/pii-access`).send({ reason: 'study' }));
    },
    'DELETE /users/:id/pii-access': async (who) => {
      const target = await account('analyst');
      await ok('grant pii', admin, (h) => h.post(`/users/${target.id}/pii-access`).send({}));
      return send('revoke pii', who, (h) => h.delete(`/users/${target.id}/pii-access`));
    },
    'POST /users/:id/api-tokens': async (who) => {
      const target = await account();
      return send('issue token for', who, (h) => h.post(`/users/${target.id}/api-tokens`).send({ name: 'integration' }));
    },
    'DELETE /users/:id/api-tokens/:tokenId': async (who) => {
      const target = await account();
      const issued = await ok('issue token for', admin, (h) => h.post(`/users/${target.id}/api-tokens`).send({ name: 'integration' }));
      return send('revoke token for', who, (h) => h.delete(`/users/${target.id}/api-tokens/${issued.id}`));
    },
    'GET /tickets/:id/notifications': async (who) => {
      const { id, position } = await ticket('new');
      return send('ticket notifications', who, (h) => h.get(`/tickets/${id}/notifications`).query({ consistentWith: position }));
    },
    'GET /notifications': (who) => send('notifications', who, (h) => h.get('/notifications').query({ status: 'pending' })),
    'POST /notifications/:id/retry': async (who) => {
      // A failed notification to retry: the ticket's acknowledgement, refused for good by the relay.
      const { id, position } = await ticket('new');
      const notificationId: string = await waitUntil('the acknowledgement recorded', async () =>
        (await ok('ticket notifications', admin, (h) => h.get(`/tickets/${id}/notifications`).query({ consistentWith: position }))).items[0]?.id,
      );
      await t.app.get(NotificationCommandRunner).execute(notificationId, { type: 'RecordAttemptFailure', data: { error: '550 refused (fixture)', permanent: true } }, { actor: { id: 'test', role: 'system' }, correlationId: `fixture-${serial}` });
      return send('retry notification', who, (h) => h.post(`/notifications/${notificationId}/retry`).send({}));
    },
    'POST /privacy/subjects/:email/erase': async (who) => {
      // A caller of their own (no account), so erasing them touches nobody else's case.
      const email = `caller-${++serial}@example.pk`;
      await ok('phone ticket', agent('agent-ali'), (h) => h.post('/tickets').send(newTicket({ channel: 'phone', customer: { name: `Caller ${serial}`, email, timezone: 'Asia/Karachi', language: 'en' } })));
      return send('erase subject', who, (h) => h.post(`/privacy/subjects/${email}/erase`).send({ reason: 'matrix: erasure request' }));
    },
    'GET /privacy/subjects/:email/export': async (who) => {
      const { position } = await ticket('new');
      await ok('wait for the ticket', admin, (h) => h.get('/tickets').query({ consistentWith: position }));
      return send('export subject', who, (h) => h.get(`/privacy/subjects/${customer.email}/export`));
    },
    'GET /privacy/retention': (who) => send('retention preview', who, (h) => h.get('/privacy/retention')),
    'POST /auth/customer/start': () => send('customer start', null, (h) => h.post('/auth/customer/start').send({ email: `start-${++serial}@example.pk` })),
    'POST /auth/customer/verify': async () => {
      // The link the mail would carry: the request's id from its stream, the secret derived under the app's key.
      const email = `verify-${++serial}@example.pk`;
      await ok('customer start', customer, (h) => h.post('/auth/customer/start').send({ email }));
      const [requested] = await t.app.get<EventStore>(EVENT_STORE).readStream(verificationStreamId(email), { direction: 'backwards', maxCount: 1 });
      const token = new VerificationSecrets(t.app.get<string>(MAIL_THREAD_KEY)).linkToken(email, String(requested.data.verificationId));
      return send('customer verify', null, (h) => h.post('/auth/customer/verify').send({ token }));
    },
    'POST /auth/customer/password': async (who) => {
      // A fresh customer with no password (setting one ends its sessions, so not the matrix's customer).
      const target = who.role === 'customer' ? await account('customer') : who;
      return send('first password', target, (h) => h.post('/auth/customer/password').send({ password: PASSWORD }));
    },
    'POST /public/tickets': () =>
      send('web form', null, (h) => h.post('/public/tickets').send({ subject: 'Web form', description: 'From the form', customer: { name: 'Visitor', email: `form-${++serial}@example.pk` } })),
    'POST /tickets/:id/satisfaction': async (who) => {
      const { id } = await ticket('resolved');
      return send('rate', who, (h) => h.post(`/tickets/${id}/satisfaction`).send({ score: 4, comment: 'Thanks' }));
    },
    'GET /satisfaction/:token': async (who) => {
      const token = await ratingLinkFor((await ticket('resolved')).id);
      return send('rating page', who, (h) => h.get(`/satisfaction/${encodeURIComponent(token)}`));
    },
    'POST /satisfaction/:token': async (who) => {
      const token = await ratingLinkFor((await ticket('resolved')).id);
      return send('rate by link', who, (h) => h.post(`/satisfaction/${encodeURIComponent(token)}`).send({ score: 5 }));
    },
    'GET /kb/search': (who) => send('kb search', who, (h) => h.get('/kb/search').query({ q: 'matrix' })),
    'GET /kb/articles': (who) => send('kb articles', who, (h) => h.get('/kb/articles')),
    'GET /kb/articles/:id': async (who) => {
      const { id, position } = await kbArticle(true);
      return send('kb article', who, (h) => h.get(`/kb/articles/${id}`).query({ consistentWith: position }));
    },
    'GET /kb/articles/:id/versions/:version': async (who) => {
      const { id, position } = await kbArticle(false);
      return send('kb version', who, (h) => h.get(`/kb/articles/${id}/versions/1`).query({ consistentWith: position }));
    },
    'POST /kb/articles': (who) => send('kb draft', who, (h) => h.post('/kb/articles').send({ language: 'en', title: `Matrix ${++serial}`, body: 'Text' })),
    'POST /kb/articles/from-ticket': async (who) => {
      const { id, position } = await ticket('resolved');
      return send('kb from ticket', who, (h) => h.post('/kb/articles/from-ticket').query({ consistentWith: position }).send({ ticketId: id }));
    },
    'POST /kb/articles/:id/edits': async (who) => {
      const { id } = await kbArticle(false);
      return send('kb edit', who, (h) => h.post(`/kb/articles/${id}/edits`).send({ language: 'ur', title: 'میٹرکس', body: 'متن' }));
    },
    'POST /kb/articles/:id/publish': async (who) => {
      const { id } = await kbArticle(false);
      return send('kb publish', who, (h) => h.post(`/kb/articles/${id}/publish`).send({}));
    },
    'POST /kb/articles/:id/unpublish': async (who) => {
      const { id } = await kbArticle(true);
      return send('kb unpublish', who, (h) => h.post(`/kb/articles/${id}/unpublish`).send({}));
    },
    'POST /kb/articles/:id/archive': async (who) => {
      const { id } = await kbArticle(false);
      return send('kb archive', who, (h) => h.post(`/kb/articles/${id}/archive`).send({}));
    },
    'POST /kb/articles/:id/links': async (who) => {
      const { id: articleId } = await kbArticle(true);
      const { id, position } = await ticket('in_progress');
      return send('kb link', who, (h) => h.post(`/kb/articles/${articleId}/links`).query({ consistentWith: position }).send({ ticketId: id }));
    },
    'POST /kb/articles/:id/votes': async (who) => {
      const { id } = await kbArticle(true);
      return send('kb vote', who, (h) => h.post(`/kb/articles/${id}/votes`).send({ helpful: true }));
    },
    'POST /kb/articles/:id/views': async (who) => {
      const { id } = await kbArticle(true);
      return send('kb view', who, (h) => h.post(`/kb/articles/${id}/views`).send({ language: 'en' }));
    },
    'GET /tickets/:id/articles': async (who) => {
      const { id, position } = await ticket('assigned');
      return send('ticket articles', who, (h) => h.get(`/tickets/${id}/articles`).query({ consistentWith: position }));
    },
    'POST /kb/suggestions': (who) => send('kb suggest', who, (h) => h.post('/kb/suggestions').send({ sessionId: `matrix-session-${++serial}`, context: 'help_page', text: 'matrix', language: 'en' })),
    'POST /kb/suggestions/:sessionId/opened': async (who) => {
      const sessionId = await kbSession();
      return send('kb opened', who, (h) => h.post(`/kb/suggestions/${sessionId}/opened`).send({ articleId: kbSessionArticle.get(sessionId) }));
    },
    'POST /kb/suggestions/:sessionId/deflected': async (who) => {
      const sessionId = await kbSession();
      return send('kb deflected', who, (h) => h.post(`/kb/suggestions/${sessionId}/deflected`).send({ articleId: kbSessionArticle.get(sessionId) }));
    },
    'POST /kb/suggestions/:sessionId/filed': async (who) => {
      const sessionId = await kbSession();
      const { id, position } = await ticket('new');
      return send('kb filed', who, (h) => h.post(`/kb/suggestions/${sessionId}/filed`).query({ consistentWith: position }).send({ ticketId: id }));
    },
    'GET /metrics/knowledge': (who) => send('kb metrics', who, (h) => h.get('/metrics/knowledge')),
    'GET /macros': async (who) => {
      const { position } = await macro();
      return send('macros', who, (h) => h.get('/macros').query({ consistentWith: position }));
    },
    'GET /macros/:id': async (who) => {
      const { id, position } = await macro();
      return send('macro', who, (h) => h.get(`/macros/${id}`).query({ consistentWith: position }));
    },
    'POST /macros': (who) => send('macro create', who, (h) => h.post('/macros').send(MACRO)),
    'PUT /macros/:id': async (who) => {
      const { id } = await macro();
      return send('macro change', who, (h) => h.put(`/macros/${id}`).send({ ...MACRO, name: `Matrix macro ${++serial}` }));
    },
    'POST /macros/:id/retire': async (who) => {
      const { id } = await macro();
      return send('macro retire', who, (h) => h.post(`/macros/${id}/retire`).send({}));
    },
    'POST /tickets/:id/macros/:macroId': async (who) => {
      const [{ id }, made] = [await ticket('new'), await macro()];
      return send('macro apply', who, (h) => h.post(`/tickets/${id}/macros/${made.id}`).send({}));
    },
    'GET /automation/rules': async (who) => {
      const { position } = await rule();
      return send('rules', who, (h) => h.get('/automation/rules').query({ consistentWith: position }));
    },
    'GET /automation/rules/:id': async (who) => {
      const { id, position } = await rule();
      return send('rule', who, (h) => h.get(`/automation/rules/${id}`).query({ consistentWith: position }));
    },
    'POST /automation/rules': (who) => send('rule create', who, (h) => h.post('/automation/rules').send({ ...RULE, name: `Matrix rule ${++serial}` })),
    'PUT /automation/rules/:id': async (who) => {
      const { id } = await rule();
      return send('rule change', who, (h) => h.put(`/automation/rules/${id}`).send({ ...RULE, name: `Matrix rule ${++serial}` }));
    },
    'POST /automation/rules/:id/enable': async (who) => {
      const { id } = await rule();
      return send('rule enable', who, (h) => h.post(`/automation/rules/${id}/enable`).send({}));
    },
    'POST /automation/rules/:id/disable': async (who) => {
      const { id } = await rule(true);
      return send('rule disable', who, (h) => h.post(`/automation/rules/${id}/disable`).send({ reason: 'matrix' }));
    },
    'POST /automation/rules/:id/reorder': async (who) => {
      const { id } = await rule();
      return send('rule reorder', who, (h) => h.post(`/automation/rules/${id}/reorder`).send({ order: 1_000_000 - ++serial }));
    },
    'POST /automation/rules/backtest': (who) => send('rule backtest draft', who, (h) => h.post('/automation/rules/backtest').send({ rule: RULE, days: 1 })),
    'POST /automation/rules/:id/backtest': async (who) => {
      const { id } = await rule();
      return send('rule backtest', who, (h) => h.post(`/automation/rules/${id}/backtest`).send({ days: 1 }));
    },
    'GET /automation/firings': (who) => send('rule firings', who, (h) => h.get('/automation/firings')),
    // An endless stream: its status once the headers are in, then closed.
    'GET /live': async (who) => {
      const stream = await openSse(`${t.url.replace('[::1]', '127.0.0.1')}/live`, t.as(who));
      stream.close();
      return { status: stream.status, body: stream.status < 300 ? {} : stream.body, text: '' } as Res;
    },
    'POST /live/ticket': (who) => send('live ticket', who, (h) => h.post('/live/ticket')),
    'GET /directory': (who) => send('directory', who, (h) => h.get('/directory')),
    'GET /search/tickets': async (who) => {
      const { position } = await ticket('new');
      return send('search tickets', who, (h) => h.get('/search/tickets').query({ q: 'matrix', consistentWith: position }));
    },
    'GET /tickets/:id/customer-context': async (who) => {
      const { id, position } = await ticket('resolved');
      return send('customer context', who, (h) => h.get(`/tickets/${id}/customer-context`).query({ consistentWith: position }));
    },
  };

  /** A fresh automation rule, written by a supervisor: a draft unless `enabled`. */
  async function rule(enabled = false) {
    const made = await ok('rule', supervisor, (h) => h.post('/automation/rules').send({ ...RULE, name: `Matrix rule ${++serial}`, enabled }));
    return { id: made.id as string, position: made.position as string };
  }

  /** A fresh macro, written by a supervisor. */
  async function macro() {
    const made = await ok('macro', supervisor, (h) => h.post('/macros').send({ ...MACRO, name: `Matrix macro ${++serial}` }));
    return { id: made.id as string, position: made.position as string };
  }

  /** A fresh article about "matrix", drafted by an agent and, if asked, published by an admin. */
  async function kbArticle(published: boolean) {
    const id = `matrix-${++serial}`;
    let last = await ok('kb draft', agent('agent-ali'), (h) => h.post('/kb/articles').send({ articleId: id, language: 'en', title: `Matrix article ${serial}`, body: 'About the matrix.' }));
    if (published) last = await ok('kb publish', admin, (h) => h.post(`/kb/articles/${id}/publish`).send({}));
    return { id, position: last.position as string };
  }

  /** A suggestion session in which a published article was suggested. */
  const kbSessionArticle = new Map<string, string>();
  async function kbSession() {
    const { id, position } = await kbArticle(true);
    const sessionId = `matrix-session-${++serial}`;
    const res = await send('kb suggest', null, (h) => h.post('/kb/suggestions').query({ consistentWith: position }).send({ sessionId, context: 'help_page', text: `matrix article ${id.slice(7)}`, language: 'en' }));
    if (!res.body.items?.some((i: { articleId: string }) => i.articleId === id)) throw new Error(`fixture suggestion did not find ${id}: ${res.text}`);
    kbSessionArticle.set(sessionId, id);
    return sessionId;
  }

  it('covers exactly the endpoints the app serves and the policy names', async () => {
    const docs = await t.http.get('/api/docs/openapi.json').expect(200);
    const served = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const policed = Object.values(POLICY).map((r) => r.route);
    expect(new Set(served)).toEqual(new Set(Object.keys(EXPECTED)));
    expect(new Set(policed)).toEqual(new Set(Object.keys(EXPECTED)));
    expect(new Set(Object.keys(RUNS))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  type Case = [string, UserRole | 'anyone', boolean];
  const cases = Object.entries(EXPECTED).flatMap(([endpoint, expected]): Case[] =>
    expected === 'public' ? [[endpoint, 'anyone', true]] : USER_ROLES.map((role, i): Case => [endpoint, role, expected[i]]),
  );

  it.each(cases)('%s as %s: allowed %s', async (endpoint, role, allowed) => {
    const res = await RUNS[endpoint](role === 'anyone' ? customer : ACTORS[role as UserRole]);
    if (allowed) {
      expect({ endpoint, role, status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({ endpoint, role, status: expect.any(Number), body: 'ok' });
    } else {
      expect({ endpoint, role, status: res.status, type: res.body?.type }).toEqual({ endpoint, role, status: 403, type: 'urn:helpdesk:problem:not-allowed' });
    }
    // Only a hang should reach this: an erasure rebuilds every projection over all the matrix has
    // written, which on FerretDB (writes in turn) took longer than the default 120 s in CI.
  }, 600_000);

  it('answers a customer asking for another customer’s ticket exactly as for one that does not exist', async () => {
    const { id, position } = await ticket('resolved');
    const unknown = '7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60';
    const strip = (res: Res) => ({ status: res.status, type: res.body.type, detail: String(res.body.detail).replace(id, 'ID').replace(unknown, 'ID') });
    const attempts: Array<[string, (ticketId: string) => (h: ReturnType<typeof http>) => request.Test]> = [
      ['get', (x) => (h) => h.get(`/tickets/${x}`).query({ consistentWith: position })],
      ['comment', (x) => (h) => h.post(`/tickets/${x}/comments`).send({ body: 'hello', visibility: 'public' })],
      ['confirm', (x) => (h) => h.post(`/tickets/${x}/confirm`).send({})],
      ['reject', (x) => (h) => h.post(`/tickets/${x}/reject`).send({ reason: 'no' })],
      ['reopen', (x) => (h) => h.post(`/tickets/${x}/reopen`).send({ reason: 'no' })],
    ];
    for (const [label, attempt] of attempts) {
      const theirs = await send(label, otherCustomer, attempt(id));
      const missing = await send(label, otherCustomer, attempt(unknown));
      expect({ label, ...strip(theirs) }).toEqual({ label, status: 404, type: 'urn:helpdesk:problem:ticket-not-found', detail: 'Ticket ID does not exist.' });
      expect(strip(theirs)).toEqual(strip(missing));
    }
    const byNumber = await t.http.get('/tickets/HD-000001').set(t.as(otherCustomer)).expect(404);
    expect(byNumber.body.type).toBe('urn:helpdesk:problem:ticket-not-found');
    const list = await t.http.get('/tickets').query({ consistentWith: position, limit: 100 }).set(t.as(otherCustomer)).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    // Every page of the customer's list: the matrix has given them well over one page of tickets.
    const own: Array<{ id: string; customer: { email: string } }> = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: Res = await t.http.get('/tickets').query({ consistentWith: position, limit: 100, ...(cursor ? { cursor } : {}) }).set(t.as(customer)).expect(200);
      own.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(own.map((i) => i.id)).toContain(id);
    expect(own.every((i) => i.customer.email === customer.email)).toBe(true);
  });

  it('lets agents change their own roster record only', async () => {
    const other = await rosterAgent(supervisor);
    for (const [path, body] of [['availability', { availability: 'away' }], ['languages', { languages: ['en'] }], ['hours', { workingHours: OFFICE }]] as const) {
      const res = await t.http.post(`/agents/${other}/${path}`).set(t.as(agent('agent-sara'))).send(body);
      expect({ path, status: res.status, type: res.body.type }).toEqual({ path, status: 403, type: 'urn:helpdesk:problem:not-allowed' });
    }
  });

  it('lets customers submit under their own email only', async () => {
    const res = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ customer: { name: 'B', email: 'bilal@example.pk' } })).expect(403);
    expect(res.body.detail).toMatch(/own email address/);
  });

  it('masks customer PII for analysts until an admin grants access', async () => {
    const { id, position } = await ticket('resolved');
    const masked = await t.http.get(`/tickets/${id}`).query({ consistentWith: position }).set(t.as(analyst)).expect(200);
    expect(masked.body.customer).toMatchObject({ name: '(masked)', email: '(masked)@example.pk' });
    expect(JSON.stringify(masked.body)).not.toMatch(/Ayesha|ayesha@|rejects my password/);
    const queue = await t.http.get('/queue').set(t.as(analyst)).expect(200);
    expect(JSON.stringify(queue.body)).not.toMatch(/Ayesha|ayesha@/);
    await t.http.get('/tickets').query({ customerEmail: 'ayesha@example.pk' }).set(t.as(analyst)).expect(403);

    await t.http.post(`/users/${analyst.id}/pii-access`).set(t.as(admin)).send({ reason: 'churn study' }).expect(200);
    const clear = await t.http.get(`/tickets/${id}`).set(t.as(analyst)).expect(200);
    expect(clear.body.customer).toMatchObject({ name: 'Ayesha Khan', email: 'ayesha@example.pk' });
    await t.http.delete(`/users/${analyst.id}/pii-access`).set(t.as(admin)).expect(200);
    expect((await t.http.get(`/tickets/${id}`).set(t.as(analyst)).expect(200)).body.customer.name).toBe('(masked)');
  });

  afterAll(() => {
    // Done when: internal notes never reach a customer in any response.
    expect(customerResponses.length).toBeGreaterThan(50);
    for (const { label, text } of customerResponses) expect({ label, leaked: text.includes(NOTE) }).toEqual({ label, leaked: false });
  });
});
