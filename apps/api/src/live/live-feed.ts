import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Response } from 'express';
import { EventStore, EventSubscription, Position } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { problem, ProblemException, problemType } from '../http/problem';
import { STORED_EVENT_STORE } from '../privacy/private-event-store.factory';
import { Principal } from '../auth/principal';
import { listenerOf } from './live-audience';
import { LiveFact } from './live-facts';
import { LiveFactReader } from './live-fact-reader';
import { LiveSettings, liveSettings } from './live-settings';
import { LiveStream } from './live-stream';

const BATCH = 500;
/** What a plain EventSource waits before it reconnects by itself (the UI reconnects on its own terms). */
const RETRY_MS = 3000;

/**
 * The live feed of this process: ONE subscription to the event store's global feed, shared by
 * every open stream. Each batch is told once the read models have applied it (so the reload a
 * message prompts reads the change), its facts resolved once (one read of the tickets it names),
 * then handed to every stream, which keeps what its listener may know. A stream that resumes
 * (`Last-Event-ID`) is replayed what it missed from the event store, bounded; further behind, it
 * is told to reset. Started by the first stream; streams end at shutdown before the requests in
 * flight are drained, so a graceful shutdown does not wait on them.
 */
@Injectable()
export class LiveFeed implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Live');
  private readonly settings: LiveSettings;
  private readonly reader: LiveFactReader;
  /** Streams receiving the feed. */
  private readonly streams = new Set<LiveStream>();
  /** Every open stream, joined or still joining, for the per-principal cap and for shutdown. */
  private readonly open = new Set<LiveStream>();
  private readonly perPrincipal = new Map<string, number>();
  /** The last position every joined stream has been handed; null until the feed started. */
  private position: Position | null = null;
  private starting: Promise<void> | null = null;
  private subscription?: EventSubscription;
  private heartbeat?: ReturnType<typeof setInterval>;
  private closing = false;

  constructor(
    @Inject(STORED_EVENT_STORE) private readonly events: EventStore,
    engine: ProjectionEngine,
    readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) appSettings: Settings,
  ) {
    this.settings = liveSettings(appSettings);
    this.reader = new LiveFactReader(engine, readModels, () => this.closing);
  }

  /** Streams open now (all principals). */
  get size(): number {
    return this.open.size;
  }

  /**
   * Serves one stream on `response` until the client leaves, the credential runs out (`untilMs`)
   * or the app shuts down. Refuses (before any byte is sent) past the per-principal cap or while
   * shutting down. `resumeAfter`: the last id the client saw.
   */
  async serve(response: Response, principal: Principal, untilMs: number, resumeAfter?: Position): Promise<void> {
    if (this.closing) throw new ProblemException({ type: problemType('shutting-down'), title: 'Shutting down', status: 503, detail: 'This server is shutting down; connect again.' }, { 'Retry-After': '1' });
    const held = this.perPrincipal.get(principal.id) ?? 0;
    if (held >= this.settings.maxStreamsPerPrincipal) {
      const error = problem(429, 'too-many-streams', 'Too many live streams', `This account already holds ${held} live streams (the most one account may hold); close a tab, or poll.`);
      error.headers['Retry-After'] = '30';
      throw error;
    }
    const stream = new LiveStream(listenerOf(principal), response, untilMs, this.clock);
    this.open.add(stream);
    this.perPrincipal.set(principal.id, held + 1);
    response.once('close', () => {
      stream.dispose();
      this.streams.delete(stream);
      if (this.open.delete(stream)) {
        const left = (this.perPrincipal.get(principal.id) ?? 1) - 1;
        if (left > 0) this.perPrincipal.set(principal.id, left);
        else this.perPrincipal.delete(principal.id);
      }
    });
    stream.begin(RETRY_MS);
    try {
      await this.start();
    } catch (error) {
      this.logger.error(`live feed could not start: ${error instanceof Error ? error.message : String(error)}`);
      return stream.end('unavailable');
    }
    if (stream.closed) return;
    // Joined between two batches: from here on the feed hands it everything after `from`.
    const from = this.position!;
    this.streams.add(stream);
    if (resumeAfter === undefined) return stream.ready(from);
    // Replayed: what the feed told up to `from`. Events it has not told yet (the read side has not
    // shown them) were missed by no one: they reach this stream live, after `ready`, as all others.
    const missed = await this.replay(resumeAfter, from).catch((error) => {
      this.logger.warn(`live replay failed: ${error instanceof Error ? error.message : String(error)}`);
      return 'reset' as const;
    });
    if (missed === 'reset') stream.reset(from);
    else stream.ready(from, missed);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const stream of this.open) stream.end('shutdown');
    await this.subscription?.close();
  }

  /** Once: from the head, after the read models have caught up with it, so a replay reads current views. */
  private start(): Promise<void> {
    this.starting ??= (async () => {
      const head = await this.events.headPosition();
      await this.reader.applied(head);
      this.position = head;
      this.heartbeat = setInterval(() => this.beat(), this.settings.heartbeatMs);
      this.heartbeat.unref();
      void this.follow(head);
    })().catch((error) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async follow(after: Position): Promise<void> {
    while (!this.closing) {
      const subscription = (this.subscription = this.events.subscribe(after, { maxBatch: BATCH }));
      try {
        for await (const batch of subscription) {
          const facts = await this.reader.facts(batch, { wait: true });
          if (this.closing) break;
          after = batch[batch.length - 1].position;
          this.fanOut(facts, after);
        }
      } catch (error) {
        if (this.closing) break;
        this.logger.warn(`live feed failed, following again from ${after}: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      } finally {
        await subscription.close().catch(() => undefined);
      }
    }
  }

  /** Synchronous, so a stream joins either before a batch or after it, never in its middle. */
  private fanOut(facts: LiveFact[], position: Position): void {
    if (facts.length > 0) for (const stream of this.streams) stream.deliver(facts);
    this.position = position;
  }

  private beat(): void {
    for (const stream of this.streams) stream.heartbeat(this.position);
  }

  /** What happened after `after` up to `upTo`, or 'reset' when that is more than a replay may carry. */
  private async replay(after: Position, upTo: Position): Promise<LiveFact[] | 'reset'> {
    // A position past the head this stream joined at was never written here (a restored or another store).
    if (after > upTo) return 'reset';
    const facts: LiveFact[] = [];
    let scanned = 0;
    while (after < upTo && !this.closing) {
      const events = (await this.events.readAll(after, BATCH)).filter((e) => e.position <= upTo);
      if (events.length === 0) break;
      scanned += events.length;
      if (scanned > this.settings.replayMaxEvents) return 'reset';
      facts.push(...(await this.reader.facts(events, { wait: false })));
      after = events[events.length - 1].position;
    }
    return facts;
  }
}
