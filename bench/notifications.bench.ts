import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SendMailOptions } from 'nodemailer';
import { TicketCommandRunner, TicketNumberAllocator, UserDirectory } from '@helpdesk/application';
import { createEventStore, START } from '@helpdesk/event-store';
import { DEFAULT_RETRY_POLICY, foldNotification, NotificationRequestedData } from '@helpdesk/notifications';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { NOTIFICATIONS, notificationsProjection, NotificationView } from '@helpdesk/projections';
import { SqliteReadStore } from '@helpdesk/read-store';
import { systemClock } from '@helpdesk/shared';
import { smtpRelay } from '../apps/api/src/notifications/mail-relay';
import { NotificationCommandRunner, toNotificationEvent } from '../apps/api/src/notifications/notification-command-runner';
import { NotificationFactsSource } from '../apps/api/src/notifications/notification-facts';
import { NotificationSender } from '../apps/api/src/notifications/notification-sender';
import { notificationMessageId, outboundMessage } from '../apps/api/src/notifications/outbound-message';
import { OutboxCheckpoint } from '../apps/api/src/notifications/outbox-checkpoint';
import { OutboxReactor } from '../apps/api/src/notifications/outbox-reactor';
import { BenchConfig } from './config';
import { now } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

const FROM = { address: 'support@helpdesk.bench', name: 'Helpdesk' };
const KEY = 'bench thread key, 32 characters or more';
const TIMEOUT_MS = 600_000;

/**
 * 6. Notifications sent per second through the whole outbox, in one process as the API runs it:
 * N tickets submitted through the command runner (a backlog, as after an outage), then the
 * reactor records their acknowledgements from the feed, the `notifications` projection shows
 * them, and the sender re-reads each stream, renders it, hands it to a local SMTP relay over one
 * pooled connection and records NotificationSent. Timed from the reactor's start until the last
 * NotificationSent is recorded. Baseline: nodemailer alone sending the same N rendered messages
 * to the same relay over the same kind of pooled connection, one after another.
 */
export async function notificationsSent(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('notifications');
  const relay = await localRelay();
  try {
    const n = config.notifications;
    const events = createEventStore({ dataDir: dir.path });
    const readStore = new SqliteReadStore(join(dir.path, 'read.db'));
    const engine = new ProjectionEngine(events, readStore, [notificationsProjection()]);
    await engine.start();
    const tickets = new TicketCommandRunner(events, new TicketNumberAllocator(events), systemClock, { autoCloseAfterDays: 7 });
    const actor = { id: 'bench', role: 'agent' as const };
    for (let i = 0; i < n; i++) {
      await tickets.submit(
        {
          subject: `Benchmark request ${i}`,
          description: 'The portal rejects my password.',
          channel: 'email',
          customer: { name: `Customer ${i}`, email: `customer-${i}@example.pk`, timezone: 'Asia/Karachi', language: i % 2 ? 'ur' : 'en' },
          category: 'incident',
          errorMessages: [],
        },
        { actor, scope: {}, correlationId: `bench-${i}` },
      );
    }

    // The outbox, from the start of the feed (its very first start would begin at the head).
    await new OutboxCheckpoint(readStore).set(START);
    const runner = new NotificationCommandRunner(events, systemClock, DEFAULT_RETRY_POLICY);
    const reactor = new OutboxReactor(events, readStore, runner, new NotificationFactsSource(events, new UserDirectory(events)));
    const readModels = new ReadModels(readStore);
    const sender = new NotificationSender(events, readModels, runner, smtpRelay(relay.url), systemClock, {
      from: FROM,
      threadKey: KEY,
      waitForReadModel: (position) => engine.waitFor(position, [NOTIFICATIONS], 5000),
    });
    const notifications = await readModels.collection<NotificationView>(NOTIFICATIONS);
    const outboxStart = now();
    await reactor.start();
    await sender.start();
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await notifications.count({ status: 'sent' })) < n) {
      if (Date.now() > deadline) throw new Error(`only ${await notifications.count({ status: 'sent' })} of ${n} notifications sent in ${TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const outboxSeconds = (now() - outboxStart) / 1000;
    const relayedByOutbox = relay.count;
    await sender.stop();
    await reactor.stop();

    // The same messages, rendered from the recorded requests, through nodemailer alone.
    const messages: SendMailOptions[] = [];
    for (const doc of await notifications.find({}, { limit: n + 10 })) {
      const state = foldNotification((await events.readStream(`notification-${doc._id}`)).map(toNotificationEvent))!;
      const request: NotificationRequestedData = state.request;
      messages.push(outboundMessage(request, { from: FROM, messageId: notificationMessageId(request.ticketId, doc._id, KEY, FROM), earlier: [], date: new Date() }));
    }
    const baseline = smtpRelay(relay.url);
    const before = relay.count;
    const baselineStart = now();
    for (const message of messages) await baseline.send(message);
    const baselineSeconds = (now() - baselineStart) / 1000;
    baseline.close();
    if (relay.count - before !== n) throw new Error(`baseline: the relay received ${relay.count - before} of ${n}`);

    await engine.stop();
    await readStore.close();
    await events.close();
    return [
      {
        benchmark: 'notifications sent through the outbox (feed → request → projection → send → NotificationSent)',
        figure: n / outboxSeconds,
        unit: 'notifications/s',
        baseline: 'nodemailer alone, same messages, same local relay',
        baselineFigure: n / baselineSeconds,
        target: null,
        notes: `${n} acknowledgements (half Urdu) from a backlog of ${n} submitted tickets; outbox ${outboxSeconds.toFixed(2)} s, baseline ${baselineSeconds.toFixed(2)} s; relay received ${relayedByOutbox} from the outbox (each once)`,
      },
    ];
  } finally {
    await relay.close();
    dir.remove();
  }
}

/** An SMTP relay on loopback that accepts and counts every message. */
async function localRelay(): Promise<{ url: string; count: number; close(): Promise<void> }> {
  const state = { count: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        state.count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}
