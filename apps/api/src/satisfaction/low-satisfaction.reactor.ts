import { randomUUID } from 'node:crypto';
import { TicketCommandRunner } from '@helpdesk/application';
import { EventStore, EventSubscription, Position, StoredEvent } from '@helpdesk/event-store';
import { ReadStore } from '@helpdesk/read-store';
import { isLowSatisfaction, TICKET_STREAM_PREFIX, TicketError } from '@helpdesk/ticketing';
import { OutboxCheckpoint } from '../notifications/outbox-checkpoint';
import { FeedProgress } from '../reactors/feed-progress';

export const SATISFACTION_ACTOR = { id: 'satisfaction', role: 'system' } as const;
export type LowScoreAction = 'reopen' | 'alert_supervisor' | 'none';

/**
 * What a rating of 1 or 2 sets off (SATISFACTION_LOW_SCORE_ACTION): the ticket reopened, or an
 * internal note for supervisors, through the ordinary commands as the `system`. Follows the
 * global feed from its own checkpoint; each action carries the idempotency key of the offer, so
 * a redelivered rating, a second low rating of the same offer (a change from 2 to 1) or a second
 * process does nothing twice.
 */
export class LowSatisfactionReactor {
  private subscription?: EventSubscription;
  private loop: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly checkpoint: OutboxCheckpoint;
  private readonly progress = new FeedProgress();

  constructor(
    private readonly store: EventStore,
    readStore: ReadStore,
    private readonly tickets: TicketCommandRunner,
    private readonly action: LowScoreAction,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.checkpoint = new OutboxCheckpoint(readStore, 'low-satisfaction');
  }

  /** From the stored checkpoint; on the very first start from the head (old ratings set nothing off). */
  async start(): Promise<void> {
    let from = await this.checkpoint.get();
    if (from === null) {
      from = await this.store.headPosition();
      await this.checkpoint.set(from);
    }
    this.progress.position = from;
    this.subscription = this.store.subscribe(from, { maxBatch: 200 });
    this.loop = this.follow(this.subscription);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  /** Where it stands in the feed: everything up to here is handled. */
  get position(): Position | null {
    return this.progress.position;
  }

  /** Resolves once the reactor has handled `position` (false after the timeout). */
  waitFor(position: Position, timeoutMs = 10_000): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  /** One feed event. Answers whether it set something off. */
  async handle(event: StoredEvent): Promise<boolean> {
    if (this.action === 'none' || event.type !== 'SatisfactionRated' || !event.streamId.startsWith(TICKET_STREAM_PREFIX)) return false;
    const { offerId, score } = event.data as { offerId: string; score: number };
    if (!isLowSatisfaction(score)) return false;
    const ticketId = event.streamId.slice(TICKET_STREAM_PREFIX.length);
    const envelope = {
      actor: SATISFACTION_ACTOR,
      scope: {},
      correlationId: String(event.metadata.correlationId ?? event.id),
      causationId: event.id,
      idempotencyKey: `low-satisfaction:${offerId}`,
      request: { offerId, action: this.action },
    };
    const why = `The customer rated the resolution ${score} of 5 (${offerId}).`;
    try {
      const result =
        this.action === 'reopen'
          ? await this.tickets.execute(ticketId, { type: 'ReopenTicket', data: { reason: `${why} Reopened to put it right.` } }, envelope)
          : await this.tickets.execute(ticketId, { type: 'AddComment', data: { commentId: randomUUID(), body: `Low satisfaction, for supervisors: ${why} Please follow up with the customer.`, visibility: 'internal' } }, envelope);
      return !result.replayed;
    } catch (error) {
      // The ticket moved on (reopened by the customer meanwhile): nothing left to do for this rating.
      if (error instanceof TicketError) {
        this.log(`low satisfaction on ${ticketId}: ${error.message}`);
        return false;
      }
      throw error;
    }
  }

  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const batch of subscription) {
        for (const event of batch) {
          if (this.stopped) return;
          await this.retrying(() => this.handle(event));
        }
        if (this.stopped) return;
        const last = batch[batch.length - 1].position;
        await this.retrying(() => this.checkpoint.set(last));
        this.progress.reached(last);
      }
    } catch (error) {
      if (!this.stopped) this.log(`low-satisfaction reactor stopped following the feed: ${(error as Error).message}`);
    }
  }

  /** Storage outages and conflicts are waited out: a rating is never skipped. */
  private async retrying<T>(work: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.stopped) return undefined;
        this.log(`low-satisfaction reactor: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 100 * 2 ** Math.min(attempt, 6)));
      }
    }
  }
}
