import { EventStore, EventSubscription, Position } from '@helpdesk/event-store';
import { NOTIFICATION_STREAM_PREFIX, NotificationRequestedData } from '@helpdesk/notifications';
import { ERASED_EMAIL } from '@helpdesk/privacy';
import { ReadModels } from '@helpdesk/projection-engine';
import { NOTIFICATIONS, NotificationView } from '@helpdesk/projections';
import { Clock } from '@helpdesk/shared';
import { randomUUID } from 'node:crypto';
import { MailRelay, RelayRefusal } from './mail-relay';
import { NotificationCommandRunner, OUTBOX_ACTOR } from './notification-command-runner';
import { notificationMessageId, outboundMessage, Sender } from './outbound-message';

export interface NotificationSenderOptions {
  from: Sender;
  threadKey: Buffer | string;
  /** Resolves once the `notifications` read model has applied `position` (or gave up waiting). */
  waitForReadModel: (position: Position) => Promise<unknown>;
  batchSize?: number;
  /** Longest sleep: a pending notification whose read model update was missed is found within this. */
  maxSleepMs?: number;
  onError?: (message: string) => void;
  /** Adds what is never recorded to a notification before it is written (a verification's link and code). */
  reveal?: (request: NotificationRequestedData) => NotificationRequestedData;
  /** The rating links of a resolution mail (signed when sent, never stored); none when absent. */
  ratingLinksFor?: (request: NotificationRequestedData) => string[] | undefined;
}

export type DeliveryOutcome = { notificationId: string; outcome: 'sent' | 'will_retry' | 'failed' | 'withdrawn' | 'skipped'; detail?: string };

/** Events after which something may be due to send. */
const WAKERS = new Set(['NotificationRequested', 'NotificationRetryRequested']);

/**
 * Delivers pending notifications. Sleeps until the earliest `nextAttemptAt` of a pending one
 * (an indexed read, never a scan), wakes when a notification is requested or retried, and for
 * each one due re-reads its stream first, so a notification already sent is never sent again.
 * Each outcome is an event: NotificationSent, NotificationAttemptFailed (with the next attempt's
 * time) or NotificationFailed.
 */
export class NotificationSender {
  private timer?: NodeJS.Timeout;
  private subscription?: EventSubscription;
  private feed: Promise<void> = Promise.resolve();
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();
  private readonly batchSize: number;
  private readonly maxSleepMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly runner: NotificationCommandRunner,
    private readonly relay: MailRelay,
    private readonly clock: Clock,
    private readonly options: NotificationSenderOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.maxSleepMs = options.maxSleepMs ?? 30_000;
  }

  async start(): Promise<void> {
    this.subscription = this.store.subscribe(await this.store.headPosition());
    this.feed = this.follow(this.subscription);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.subscription?.close();
    await this.feed;
    await this.running;
    this.relay.close();
  }

  /** Looks for due notifications now (after a request, a retry, or a test moving the clock). */
  wake(): void {
    this.schedule(0);
  }

  /** Delivers every notification due now, one after another; answers what became of each. */
  runDue(): Promise<DeliveryOutcome[]> {
    const run = this.running.then(() => this.pass());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async pass(): Promise<DeliveryOutcome[]> {
    const notifications = await this.readModels.collection<NotificationView>(NOTIFICATIONS);
    const now = this.clock.now().toISOString();
    // In the order they fell due, and those due together in the order they were recorded (a ticket's story in order).
    const due = await notifications.find({ status: 'pending', nextAttemptAt: { $lte: now } }, { sort: { nextAttemptAt: 1, sequence: 1 }, limit: this.batchSize });
    const outcomes: DeliveryOutcome[] = [];
    // What this pass sent, per ticket and recipient: the read model may not show it yet when the next one threads under it.
    const sentNow = new Map<string, string[]>();
    let last: Position | null = null;
    for (const doc of due) {
      if (this.stopped) break;
      const { outcome, position } = await this.deliver(doc, sentNow);
      outcomes.push(outcome);
      if (position !== null) last = position;
    }
    // The next pass must not see what this one recorded as still pending.
    if (last !== null) await this.options.waitForReadModel(last);
    return outcomes;
  }

  private async deliver(doc: NotificationView, sentNow: Map<string, string[]>): Promise<{ outcome: DeliveryOutcome; position: Position | null }> {
    const notificationId = doc._id;
    const { state } = await this.runner.load(notificationId);
    const now = this.clock.now();
    if (!state || state.status !== 'pending' || (state.nextAttemptAt && state.nextAttemptAt > now.toISOString())) {
      return { outcome: { notificationId, outcome: 'skipped', detail: state ? state.status : 'unknown' }, position: null };
    }
    const request = state.request;
    const envelope = { actor: OUTBOX_ACTOR, correlationId: randomUUID(), causationId: request.triggeredBy };
    // Requested before its recipient was erased (or anonymised), or after, on an erased ticket: it reads erased now, and nobody is to get it.
    if (request.recipient === ERASED_EMAIL) {
      const result = await this.runner.execute(notificationId, { type: 'WithdrawNotification', data: { reason: 'recipient_erased' } }, envelope);
      return { outcome: { notificationId, outcome: 'withdrawn', detail: 'recipient_erased' }, position: result.position };
    }
    const messageId = notificationMessageId(request.ticketId, notificationId, this.options.threadKey, this.options.from);
    const thread = `${request.ticketId}\u0000${request.recipient}`;
    const earlier = [...new Set([...(await this.earlierMessageIds(request.ticketId, request.recipient, doc.sequence)), ...(sentNow.get(thread) ?? [])])];
    const message = outboundMessage(this.options.reveal?.(request) ?? request, { from: this.options.from, messageId, earlier, date: now, ratingLinks: this.options.ratingLinksFor?.(request) });
    let response: string;
    try {
      response = (await this.relay.send(message)).response;
    } catch (error) {
      const refusal = error instanceof RelayRefusal ? error : new RelayRefusal(String((error as Error)?.message ?? error), false);
      const result = await this.runner.execute(notificationId, { type: 'RecordAttemptFailure', data: { error: refusal.message, permanent: refusal.permanent } }, envelope);
      const failed = result.appended.some((e) => e.type === 'NotificationFailed');
      return { outcome: { notificationId, outcome: failed ? 'failed' : 'will_retry', detail: refusal.message }, position: result.position };
    }
    // Sent: a crash before this append is the one window where the mail may go out twice (same Message-ID).
    sentNow.set(thread, [...(sentNow.get(thread) ?? []), messageId]);
    const result = await this.runner.execute(notificationId, { type: 'RecordSent', data: { messageId, relayResponse: response.slice(0, 500) } }, envelope);
    return { outcome: { notificationId, outcome: 'sent', detail: response }, position: result.position };
  }

  /** Message-IDs of the ticket's earlier notifications to the same recipient, oldest first. */
  private async earlierMessageIds(ticketId: string, recipient: string, sequence: string): Promise<string[]> {
    const notifications = await this.readModels.collection<NotificationView>(NOTIFICATIONS);
    const earlier = await notifications.find({ ticketId, sequence: { $lt: sequence } }, { sort: { sequence: 1 }, limit: 500 });
    return earlier.filter((n) => n.recipient === recipient && n.status === 'sent' && n.messageId).map((n) => n.messageId!);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const outcomes = await this.runDue();
      if (outcomes.length >= this.batchSize) return this.schedule(0);
      const notifications = await this.readModels.collection<NotificationView>(NOTIFICATIONS);
      const [next] = await notifications.find({ status: 'pending' }, { sort: { nextAttemptAt: 1 }, limit: 1 });
      const wait = next?.nextAttemptAt ? new Date(next.nextAttemptAt).getTime() - this.clock.now().getTime() : this.maxSleepMs;
      // Something due that this pass could not settle (it is being recorded elsewhere): look again shortly, not at once.
      const floor = outcomes.length > 0 && outcomes.every((o) => o.outcome === 'skipped') ? 250 : 0;
      this.schedule(Math.min(this.maxSleepMs, Math.max(floor, wait)));
    } catch (error) {
      this.options.onError?.(`notification sender: ${(error as Error).message}`);
      this.schedule(5000);
    }
  }

  /** Wakes when a notification is requested or retried, here or in another process, once the read model shows it. */
  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const batch of subscription) {
        const wakers = batch.filter((e) => e.streamId.startsWith(NOTIFICATION_STREAM_PREFIX) && WAKERS.has(e.type));
        if (wakers.length === 0) continue;
        await this.options.waitForReadModel(wakers[wakers.length - 1].position);
        this.wake();
      }
    } catch (error) {
      if (!this.stopped) this.options.onError?.(`notification sender stopped following the feed: ${(error as Error).message}`);
    }
  }
}
