import { randomUUID } from 'node:crypto';
import { TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { parseThreadMessageId } from '@helpdesk/mail';
import { notificationStreamId } from '@helpdesk/notifications';
import { ManualClock } from '@helpdesk/shared';
import { RuleFiring } from '@helpdesk/ticketing';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { OUTBOX_COLLECTION } from '../../apps/api/src/notifications/outbox-checkpoint';
import { SlaWatchService } from '../../apps/api/src/sla/sla-watch.service';
import { admin, agent, customer, newTicket, startTestApp, supervisor, TestApp, tempDataDir } from '../support/test-app';
import { eventually, startTestRelay, TestRelay } from '../support/test-relay';
import { openReadStoreOf } from '../support/mongo-env';
import { retryWhileBehind } from '../support/wait';

jest.setTimeout(90_000);

const THREAD_SECRET = 'a thread secret for the notification tests, 32+';
const MAIL_ENV = { MAIL_FROM: 'support@helpdesk.test', MAIL_FROM_NAME: 'Helpdesk Support', MAIL_THREAD_SECRET: THREAD_SECRET, RUN_ROUTING: 'false', NOTIFICATION_MAX_ATTEMPTS: '3' };

interface NotificationItem {
  id: string;
  kind: string;
  status: 'pending' | 'sent' | 'failed' | 'withdrawn';
  withdrawn?: { reason: string; at: string } | null;
  sent: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string | null;
  recipient: string;
  subject: string;
  failure: { reason: string; detail: string } | null;
}

function outbox(t: TestApp) {
  const service = t.app.get(NotificationsService);
  return { reactor: service.reactor!, sender: service.sender };
}

async function notificationsOf(t: TestApp, ticketId: string): Promise<NotificationItem[]> {
  const res = await t.http.get(`/tickets/${ticketId}/notifications`).set(t.as(supervisor)).expect(200);
  return res.body.items;
}

/**
 * The ticket's notifications once `accept` holds. Until the read models have the ticket (a slow
 * store projects it later) it answers 404, which counts as "none yet".
 */
const waitForNotifications = (t: TestApp, ticketId: string, accept: (items: NotificationItem[]) => boolean, what: string) =>
  eventually(
    async () => {
      const res = await t.http.get(`/tickets/${ticketId}/notifications`).set(t.as(supervisor));
      if (res.status === 404) return [];
      expect(res.status).toBe(200);
      return res.body.items as NotificationItem[];
    },
    accept,
    what,
  );

describe('notifications through the outbox, to a real SMTP relay', () => {
  let relay: TestRelay;
  let t: TestApp;

  beforeAll(async () => {
    relay = await startTestRelay();
    t = await startTestApp({ env: { ...MAIL_ENV, SMTP_RELAY_URL: relay.url } });
  });
  afterAll(async () => {
    await t?.destroy();
    await relay?.close();
  });
  beforeEach(() => (relay.mode = { kind: 'accept' }));

  const to = (address: string) => relay.messages.filter((m) => m.to.includes(address));

  it('acknowledges a new request in Urdu: number in the subject, RTL HTML part, a text part, our Message-ID, Auto-Submitted', async () => {
    const submitted = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Visa portal rejects my password' })).expect(201);
    await relay.waitFor(() => relay.messages.some((m) => m.parsed.subject?.includes(submitted.body.number)), 'the acknowledgement');
    const mail = relay.messages.find((m) => m.parsed.subject?.includes(submitted.body.number))!;

    expect(mail.to).toEqual(['ayesha@example.pk']);
    expect(mail.from).toBe('support@helpdesk.test');
    expect(mail.parsed.from?.value).toEqual([{ address: 'support@helpdesk.test', name: 'Helpdesk Support' }]);
    expect(mail.parsed.subject).toBe(`[${submitted.body.number}] ہمیں آپ کی درخواست موصول ہو گئی ہے: Visa portal rejects my password`);
    expect(mail.parsed.text).toContain(`نمبر ${submitted.body.number} دیا گیا ہے`);
    expect(mail.parsed.html).toContain('dir="rtl" lang="ur"');
    expect(mail.parsed.html).toContain(`<bdi dir="ltr">${submitted.body.number}</bdi>`);
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.headers.get('x-auto-response-suppress')).toBe('All');

    const ref = parseThreadMessageId(mail.parsed.messageId!, THREAD_SECRET);
    expect(ref?.ticketId).toBe(submitted.body.id);
    expect(mail.parsed.messageId).toMatch(/@helpdesk\.test>$/);
    expect(mail.envelopeId).toBe(mail.parsed.messageId); // the relay is told the Message-ID (DSN ENVID)

    const [item, ...others] = await waitForNotifications(t, submitted.body.id, (items) => items[0]?.status === 'sent', 'the notification recorded as sent');
    expect(others).toEqual([]);
    expect(item).toMatchObject({ id: ref!.notificationId, kind: 'acknowledgement', status: 'sent', sent: true, attempts: 1, recipient: 'ayesha@example.pk', messageId: mail.parsed.messageId });
  });

  it("acknowledges in English a customer whose language is English or 'other'", async () => {
    for (const [email, language] of [['omar@example.com', 'en'], ['lena@example.de', 'other']]) {
      const res = await t.http
        .post('/tickets')
        .set(t.as(agent('agent-ali')))
        .send(newTicket({ channel: 'phone', subject: 'Invoice missing', customer: { name: 'Caller', email, timezone: 'Europe/Berlin', language } }))
        .expect(201);
      await relay.waitFor(() => to(email).length === 1, `the acknowledgement to ${email}`);
      const mail = to(email)[0];
      expect(mail.parsed.subject).toBe(`[${res.body.number}] We have received your request: Invoice missing`);
      expect(mail.parsed.text).toContain(`given it the number ${res.body.number}`);
      expect(mail.parsed.html).toContain('<html lang="en" dir="ltr">');
    }
  });

  it('notifies a public agent reply, threaded under the acknowledgement; never an internal note', async () => {
    const email = 'threads@example.pk';
    const staff = t.as(agent('agent-ali'));
    const { body: ticket } = await t.http.post('/tickets').set(staff).send(newTicket({ customer: { name: 'Zara', email, timezone: 'Asia/Karachi', language: 'en' } })).expect(201);
    await relay.waitFor(() => to(email).length === 1, 'the acknowledgement');
    const ack = to(email)[0];
    await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'sent', 'the acknowledgement recorded');

    const note = await t.http.post(`/tickets/${ticket.id}/comments`).set(staff).send({ body: 'INTERNAL: customer is on the watch list', visibility: 'internal' }).expect(200);
    expect(await outbox(t).reactor.waitFor(BigInt(note.body.position))).toBe(true);
    const reply = await t.http.post(`/tickets/${ticket.id}/comments`).set(staff).send({ body: 'Please clear your browser cache <and> try again.', visibility: 'public' }).expect(200);
    await relay.waitFor(() => to(email).length === 2, 'the reply notification');
    expect(await outbox(t).reactor.waitFor(BigInt(reply.body.position))).toBe(true);

    const mail = to(email)[1];
    expect(mail.parsed.subject).toBe(`[${ticket.number}] New reply to your request: Cannot sign in to the portal`);
    expect(mail.parsed.text).toContain('Please clear your browser cache <and> try again.');
    expect(mail.parsed.html).toContain('Please clear your browser cache &lt;and&gt; try again.');
    expect(mail.parsed.inReplyTo).toBe(ack.parsed.messageId);
    expect([mail.parsed.references].flat()).toEqual([ack.parsed.messageId]);
    for (const m of to(email)) expect(m.raw.toString('utf8')).not.toContain('watch list');
    const items = await waitForNotifications(t, ticket.id, (all) => all.length >= 2, 'both notifications in the read model');
    expect(items.map((i) => i.kind)).toEqual(['acknowledgement', 'agent_reply']);
  });

  it('tells an agent a ticket was assigned to them, at their account email', async () => {
    const { body: ticket } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Assign me' })).expect(201);
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-sara', reason: 'speaks Urdu' }).expect(200);
    await relay.waitFor(() => to('agent-sara@helpdesk.test').some((m) => m.parsed.subject?.includes(ticket.number)), 'the assignment notification');
    const mail = to('agent-sara@helpdesk.test').find((m) => m.parsed.subject?.includes(ticket.number))!;
    expect(mail.parsed.subject).toBe(`[${ticket.number}] Assigned to you: Assign me`);
    expect(mail.parsed.text).toContain('speaks Urdu');
  });

  it('sends the notices a rule firing asks for, to a staff member and to an address, once however often the outbox sees it; a stopped firing none', async () => {
    const { body: ticket } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Portal down again' })).expect(201);
    const automation = { actor: { id: 'automation', role: 'system' as const }, scope: {}, correlationId: randomUUID() };
    const firing: RuleFiring = {
      ruleId: 'rule-outages',
      ruleName: 'Urgent outages',
      ruleVersion: 2,
      trigger: { kind: 'event', eventId: randomUUID(), eventType: 'TicketSubmitted' },
      matched: ['subject contains "down"'],
      actions: ['notified agent-sara', 'notified oncall@helpdesk.test'],
      depth: 1,
      outcome: 'applied',
      reason: null,
      notify: [
        { to: 'agent:agent-sara', subject: `Outage ${ticket.number}`, body: 'Ayesha Khan cannot reach the portal; look now.' },
        { to: 'oncall@helpdesk.test', subject: 'Portal outage', body: 'Page the network team.' },
      ],
    };
    const fired = await t.app.get(TicketCommandRunner).execute(ticket.id, { type: 'RecordRuleFiring', data: firing }, automation);
    const about = (address: string) => to(address).filter((m) => m.parsed.subject?.includes(ticket.number));
    await relay.waitFor(() => about('agent-sara@helpdesk.test').length === 1 && about('oncall@helpdesk.test').length === 1, 'both rule notices');

    const [toSara] = about('agent-sara@helpdesk.test');
    expect(toSara.parsed.subject).toBe(`[${ticket.number}] Outage ${ticket.number}`);
    expect(toSara.parsed.text).toContain('Dear agent-sara,');
    expect(toSara.parsed.text).toContain(`The automation rule “Urgent outages” sends you this about ticket ${ticket.number} “Portal down again”:`);
    expect(toSara.parsed.text).toContain('Ayesha Khan cannot reach the portal; look now.');
    const [toOncall] = about('oncall@helpdesk.test');
    expect(toOncall.parsed.subject).toBe(`[${ticket.number}] Portal outage`);
    expect(toOncall.parsed.text).toContain('Page the network team.');
    const notices = await waitForNotifications(t, ticket.id, (items) => items.filter((i) => i.kind === 'rule_notice' && i.status === 'sent').length === 2, 'both notices recorded as sent');
    expect(notices.filter((i) => i.kind === 'rule_notice').map((i) => i.recipient).sort()).toEqual(['agent-sara@helpdesk.test', 'oncall@helpdesk.test']);

    // The firing seen again, and a firing the loop bound stopped: no mail more.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const recorded = (await store.readStream(`ticket-${ticket.id}`)).find((e) => e.type === 'RuleFired')!;
    expect(recorded.position).toBe(fired.position);
    expect(await outbox(t).reactor.handle(recorded)).toBe(0);
    const stopped = await t.app.get(TicketCommandRunner).execute(ticket.id, { type: 'RecordRuleFiring', data: { ...firing, depth: 6, outcome: 'loop_stopped', reason: 'Stopped: the rules set each other off.' } }, automation);
    expect(await outbox(t).reactor.waitFor(stopped.position)).toBe(true);
    // Whatever the outbox recorded for the stopped firing is in the store by now: read as of its head.
    const head = await store.headPosition();
    const after = await retryWhileBehind(() => t.http.get(`/tickets/${ticket.id}/notifications`).query({ consistentWith: head.toString() }).set(t.as(supervisor)));
    expect(after.status).toBe(200);
    expect((after.body.items as NotificationItem[]).filter((i) => i.kind === 'rule_notice')).toHaveLength(2);
    await outbox(t).sender!.runDue();
    expect([about('agent-sara@helpdesk.test').length, about('oncall@helpdesk.test').length]).toEqual([1, 1]);
  });

  it('retries with backoff while the relay refuses, then delivers', async () => {
    relay.mode = { kind: 'refuse', code: 451, message: 'Try again later' };
    const email = 'retry@example.pk';
    const clock = t.clock as ManualClock;
    const failedAt = clock.now().getTime();
    const { body: ticket } = await t.http.post('/tickets').set(t.as(supervisor)).send(newTicket({ customer: { name: 'R', email, timezone: 'Asia/Karachi', language: 'en' } })).expect(201);
    const [pending] = await waitForNotifications(t, ticket.id, (items) => items[0]?.attempts === 1, 'the first failed attempt');
    expect(pending).toMatchObject({ status: 'pending', sent: false, lastError: expect.stringContaining('451') });
    const wait = new Date(pending.nextAttemptAt!).getTime() - failedAt;
    expect(wait).toBeGreaterThanOrEqual(60_000 * 0.9); // NOTIFICATION_RETRY_BASE_SECONDS, ±10%
    expect(wait).toBeLessThanOrEqual(60_000 * 1.1);
    expect(to(email)).toEqual([]);

    // Not due yet: a pass now sends nothing.
    await outbox(t).sender!.runDue();
    expect(relay.messages.filter((m) => m.to.includes(email))).toEqual([]);

    relay.mode = { kind: 'accept' };
    clock.set(pending.nextAttemptAt!);
    outbox(t).sender!.wake();
    await relay.waitFor(() => to(email).length === 1, 'the retried delivery');
    const [sent] = await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'sent', 'sent on the second attempt');
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
  });

  it('withdraws a notification still waiting on a retry once its recipient is erased: nothing reaches them', async () => {
    relay.mode = { kind: 'refuse', code: 451, message: 'Try again later' };
    const email = `erase-me-${randomUUID().slice(0, 8)}@example.pk`;
    const clock = t.clock as ManualClock;
    const { body: ticket } = await t.http.post('/tickets').set(t.as(supervisor)).send(newTicket({ customer: { name: 'Erased Soon', email, timezone: 'Asia/Karachi', language: 'en' } })).expect(201);
    const [pending] = await waitForNotifications(t, ticket.id, (items) => items[0]?.attempts === 1, 'the first failed attempt');
    expect(pending.status).toBe('pending');

    await t.http.post(`/privacy/subjects/${email}/erase`).set(t.as(admin)).send({ reason: 'erasure request, ref 12' }).expect(200);
    relay.mode = { kind: 'accept' };
    clock.set(pending.nextAttemptAt!);
    outbox(t).sender!.wake();
    const [withdrawn] = await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'withdrawn', 'the withdrawal');
    expect(withdrawn).toMatchObject({ sent: false, attempts: 1, recipient: 'erased@erased.invalid', nextAttemptAt: null, withdrawn: { reason: 'recipient_erased' } });
    // A supervisor's retry cannot send it either, and no pass does.
    await t.http.post(`/notifications/${withdrawn.id}/retry`).set(t.as(supervisor)).expect(409);
    await outbox(t).sender!.runDue();
    expect(relay.messages.filter((m) => m.to.some((a) => a.includes(email) || a.includes('erased.invalid')))).toEqual([]);
  });

  it('gives up after NOTIFICATION_MAX_ATTEMPTS; a supervisor retries it; a permanent refusal fails at once', async () => {
    relay.mode = { kind: 'refuse', code: 451, message: 'Mailbox busy' };
    const email = 'giveup@example.pk';
    const clock = t.clock as ManualClock;
    const { body: ticket } = await t.http.post('/tickets').set(t.as(supervisor)).send(newTicket({ customer: { name: 'G', email, timezone: 'Asia/Karachi', language: 'ur' } })).expect(201);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [item] = await waitForNotifications(t, ticket.id, (items) => items[0]?.attempts === attempt, `attempt ${attempt}`);
      clock.set(item.nextAttemptAt!);
      outbox(t).sender!.wake();
    }
    const [failed] = await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'failed', 'giving up');
    expect(failed).toMatchObject({ attempts: 3, sent: false, failure: { reason: 'gave_up', detail: expect.stringContaining('Mailbox busy') } });
    const listed = await t.http.get('/notifications').query({ status: 'failed', kind: 'acknowledgement' }).set(t.as(supervisor)).expect(200);
    expect(listed.body.items.map((i: NotificationItem) => i.id)).toContain(failed.id);

    relay.mode = { kind: 'accept' };
    const retried = await t.http.post(`/notifications/${failed.id}/retry`).set(t.as(supervisor)).send({}).expect(200);
    expect(retried.body).toMatchObject({ id: failed.id, position: expect.any(String) });
    await relay.waitFor(() => to(email).length === 1, 'the delivery after the retry');
    await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'sent' && items[0].attempts === 4, 'sent after the retry');
    const again = await t.http.post(`/notifications/${failed.id}/retry`).set(t.as(supervisor)).send({}).expect(409);
    expect(again.body.type).toBe('urn:helpdesk:problem:illegal-transition');
    await t.http.post(`/notifications/${randomUUID()}/retry`).set(t.as(supervisor)).send({}).expect(404);

    relay.mode = { kind: 'refuse', code: 550, message: 'No such user here' };
    const { body: other } = await t.http.post('/tickets').set(t.as(supervisor)).send(newTicket({ customer: { name: 'N', email: 'nobody@example.pk', timezone: 'Asia/Karachi', language: 'en' } })).expect(201);
    const [rejected] = await waitForNotifications(t, other.id, (items) => items[0]?.status === 'failed', 'the permanent refusal');
    expect(rejected).toMatchObject({ attempts: 1, failure: { reason: 'rejected', detail: expect.stringContaining('550') } });
  });

  it('marks a notification failed when a bounce names it, once however often the bounce is seen', async () => {
    const email = 'bounce@example.pk';
    const { body: ticket } = await t.http.post('/tickets').set(t.as(supervisor)).send(newTicket({ customer: { name: 'B', email, timezone: 'Asia/Karachi', language: 'en' } })).expect(201);
    const [item] = await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'sent', 'the acknowledgement sent');
    const store = t.app.get<EventStore>(EVENT_STORE);
    const mailId = randomUUID();
    const bounced = (id: string) => ({
      id,
      type: 'MailBounced',
      data: { mailId, notificationIds: [item.id, randomUUID()], ticketIds: [ticket.id], recipient: email, status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 user unknown' },
      metadata: { eventId: id, correlationId: id, causationId: id, actor: { id: 'mail-pipeline', role: 'system' }, occurredAt: new Date().toISOString(), schemaVersion: 1 },
    });
    await store.append(`mail-${mailId}`, [bounced(randomUUID())], 'no_stream');
    const second = await store.append(`mail-${mailId}`, [bounced(randomUUID())], 0); // the same bounce recorded twice
    const [failed] = await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'failed', 'the bounce applied');
    expect(failed.failure).toEqual({ reason: 'bounced', detail: 'to bounce@example.pk; status 5.1.1; smtp; 550 5.1.1 user unknown' });
    expect(await outbox(t).reactor.waitFor(second.position)).toBe(true);
    const stream = await store.readStream(notificationStreamId(item.id));
    expect(stream.map((e) => e.type)).toEqual(['NotificationRequested', 'NotificationSent', 'NotificationFailed']);
  });

  it('records nothing twice when the outbox sees an event again', async () => {
    const email = 'redeliver@example.pk';
    const { body: ticket } = await t.http.post('/tickets').set(t.as(supervisor)).send(newTicket({ customer: { name: 'D', email, timezone: 'Asia/Karachi', language: 'en' } })).expect(201);
    await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'sent', 'the acknowledgement sent');
    const store = t.app.get<EventStore>(EVENT_STORE);
    const [submitted] = await store.readStream(`ticket-${ticket.id}`);
    expect(await outbox(t).reactor.handle(submitted)).toBe(0);
    await outbox(t).sender!.runDue();
    expect(to(email)).toHaveLength(1);
    const [item] = await notificationsOf(t, ticket.id);
    expect((await store.readStream(notificationStreamId(item.id))).map((e) => e.type)).toEqual(['NotificationRequested', 'NotificationSent']);
  });
});

describe('notifications with no relay configured', () => {
  const dataDir = tempDataDir();
  const clock = new ManualClock('2026-01-05T04:00:00.000Z');
  let relay: TestRelay | undefined;
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.destroy();
    await relay?.close();
  });

  it('records them as not sent, loses nothing, and sends each once after a restart with a relay (even with the feed redelivered)', async () => {
    t = await startTestApp({ dataDir, clock, env: MAIL_ENV });
    const { body: ticket } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Sent later' })).expect(201);
    const [pending] = await waitForNotifications(t, ticket.id, (items) => items.length === 1, 'the notification recorded');
    expect(pending).toMatchObject({ kind: 'acknowledgement', status: 'pending', sent: false, attempts: 0 });
    const listed = await t.http.get('/notifications').query({ status: 'pending' }).set(t.as(supervisor)).expect(200);
    expect(listed.body).toMatchObject({ relayConfigured: false, total: 1 });
    expect(outbox(t).sender).toBeUndefined();
    await t.stop();

    // The outbox's checkpoint is wound back to the very start: every event is delivered to it again.
    const readStore = await openReadStoreOf(dataDir);
    await readStore.collection(OUTBOX_COLLECTION).updateOne({ _id: 'notifications' }, { $set: { checkpoint: '' } });
    await readStore.close();

    relay = await startTestRelay();
    t = await startTestApp({ dataDir, clock, env: { ...MAIL_ENV, SMTP_RELAY_URL: relay.url } });
    const store = t.app.get<EventStore>(EVENT_STORE);
    expect(await outbox(t).reactor.waitFor(await store.headPosition())).toBe(true);
    await relay.waitFor(() => relay!.messages.length === 1, 'the notification recorded before the relay existed');
    expect(relay.messages[0].parsed.subject).toContain(ticket.number);
    const [sent] = await waitForNotifications(t, ticket.id, (items) => items[0]?.status === 'sent', 'recorded as sent');
    expect(sent.id).toBe(pending.id);
    await outbox(t).sender!.runDue();
    expect(relay.messages).toHaveLength(1);
    expect((await store.readStream(notificationStreamId(sent.id))).map((e) => e.type)).toEqual(['NotificationRequested', 'NotificationSent']);
  });
});

describe('RUN_NOTIFICATIONS=false', () => {
  it('runs neither the outbox nor the sender in that process, and records nothing', async () => {
    const relay = await startTestRelay();
    const t = await startTestApp({ env: { ...MAIL_ENV, SMTP_RELAY_URL: relay.url, RUN_NOTIFICATIONS: 'false' } });
    try {
      const { body: ticket } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
      expect(t.app.get(NotificationsService).reactor).toBeUndefined();
      expect(t.app.get(NotificationsService).sender).toBeUndefined();
      const listed = await t.http.get('/notifications').query({ consistentWith: ticket.position }).set(t.as(supervisor)).expect(200);
      expect(listed.body.total).toBe(0);
      expect(relay.offered).toBe(0);
    } finally {
      await t.destroy();
      await relay.close();
    }
  });
});

describe('notifications through a ticket’s whole life', () => {
  let relay: TestRelay;
  let t: TestApp;

  beforeAll(async () => {
    relay = await startTestRelay();
    t = await startTestApp({ clock: new ManualClock('2026-01-05T07:30:00.000Z'), env: { ...MAIL_ENV, SMTP_RELAY_URL: relay.url, RUN_SLA_WATCH: 'false' } });
  });
  afterAll(async () => {
    await t?.destroy();
    await relay?.close();
  });

  const subjects = (address: string) => relay.messages.filter((m) => m.to.includes(address)).map((m) => m.parsed.subject);

  it('tells the customer when it waits on them, is resolved (please confirm) and closed; the assignee of an SLA warning', async () => {
    const ali = agent('agent-ali');
    const { body: ticket } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Portal down' })).expect(201);
    const n = ticket.number;
    await t.http.post(`/tickets/${ticket.id}/prioritize`).set(t.as(supervisor)).send({ priority: 'high' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: ali.id }).expect(200);
    await relay.waitFor(() => subjects(ali.email).length === 1, 'the assignment');

    // High priority: the first-response warning falls at 80% of 60 business minutes (see sla.test.ts).
    const view = await eventually(async () => (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: ticket.position }).set(t.as(ali)).expect(200)).body, (v) => v.priority === 'high' && v.assigneeId === ali.id, 'the ticket assigned');
    t.clock.set(view.sla.firstResponse.warningAt);
    expect((await t.app.get(SlaWatchService).runDue()).map((e) => e.type)).toEqual(['SlaWarningIssued']);
    await relay.waitFor(() => subjects(ali.email).length === 2, 'the SLA warning');
    expect(subjects(ali.email)[1]).toBe(`[${n}] SLA warning, first response: Portal down`);
    expect(relay.messages.find((m) => m.parsed.subject === subjects(ali.email)[1])!.parsed.text).toMatch(/first response target of ticket HD-\d+ falls due at .*Asia\/Karachi/);

    await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(ali)).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/wait`).set(t.as(ali)).send({ note: 'internal: asked for a screenshot' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/resolve`).set(t.as(ali)).send({ resolution: 'The portal certificate was renewed.' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/confirm`).set(t.as(customer)).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/close`).set(t.as(ali)).send({}).expect(200);
    await relay.waitFor(() => subjects('ayesha@example.pk').length === 4, 'acknowledgement, waiting, resolved, closed');
    expect(subjects('ayesha@example.pk')).toEqual([
      `[${n}] ہمیں آپ کی درخواست موصول ہو گئی ہے: Portal down`,
      `[${n}] ہمیں آپ کے جواب کا انتظار ہے: Portal down`,
      `[${n}] حل ہو گئی، براہ کرم تصدیق کریں: Portal down`,
      `[${n}] بند کر دی گئی: Portal down`,
    ]);
    const customerMail = relay.messages.filter((m) => m.to.includes('ayesha@example.pk'));
    expect(customerMail[2].parsed.text).toContain('The portal certificate was renewed.');
    for (const m of customerMail) expect(m.raw.toString('utf8')).not.toContain('screenshot');
    // Each one threads under all the customer's earlier ones; the agent's mail is a thread of its own.
    customerMail.forEach((m, i) => expect([m.parsed.references ?? []].flat()).toEqual(customerMail.slice(0, i).map((e) => e.parsed.messageId)));
    // Sent mail is recorded as sent a moment later: wait until none is pending, then check them all.
    const items = await waitForNotifications(t, ticket.id, (all) => all.length > 0 && all.every((i) => i.status !== 'pending'), 'every notification recorded as sent or failed');
    expect(items.map((i) => [i.kind, i.status])).toEqual([
      ['acknowledgement', 'sent'],
      ['assigned', 'sent'],
      ['sla_warning', 'sent'],
      ['waiting_on_customer', 'sent'],
      ['resolved', 'sent'],
      ['closed', 'sent'],
    ]);
  });
});
