import { Response } from 'express';
import { Clock } from '@helpdesk/shared';
import { endsStream, LiveListener, messageData, tells } from './live-audience';
import { LiveFact } from './live-facts';
import { sseComment, sseMessage, sseRetry } from './sse';

/** Why the server ends a stream (the `end` message says so before the connection closes). */
export type EndReason = 'expired' | 'shutdown' | 'account-changed' | 'signed-out' | 'unavailable';

/** A client that reads slower than this much is waiting in its socket is cut off; it resumes from its last id. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** The longest a Node timer can wait (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One open event stream: one listener's view of the feed. While the missed part is replayed,
 * what the feed delivers meanwhile is held, then written after it, so nothing is lost or reordered.
 */
export class LiveStream {
  private held: LiveFact[] | null = [];
  private lastId: bigint | null = null;
  private expiry?: ReturnType<typeof setTimeout>;
  private ended = false;

  constructor(
    readonly listener: LiveListener,
    private readonly response: Response,
    /** When the credential it was opened with runs out (ms since the epoch, by the app's clock). */
    private readonly untilMs: number,
    private readonly clock: Clock,
  ) {}

  get closed(): boolean {
    return this.ended || this.response.destroyed || this.response.writableEnded;
  }

  /** Headers and the first bytes, so the client knows the stream is open before the feed is ready. */
  begin(retryMs: number): void {
    this.response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // nginx and the like buffer responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    this.response.socket?.setNoDelay(true);
    this.write(sseRetry(retryMs));
    const left = this.untilMs - this.clock.now().getTime();
    if (left <= 0) return this.end('expired');
    this.expiry = setTimeout(() => this.end('expired'), Math.min(left, MAX_TIMER_MS));
    this.expiry.unref();
  }

  /** Joined live at `position` with nothing to catch up: the id to resume from. */
  ready(position: bigint, replayed: LiveFact[] = []): void {
    const told = this.send(replayed);
    if (this.closed) return;
    this.lastId = position;
    this.write(sseMessage('ready', { position: position.toString(), replayed: told }, position));
    this.release();
  }

  /** Too far behind (or from another history): the client must reload everything, then follow from here. */
  reset(position: bigint): void {
    this.lastId = position;
    this.write(sseMessage('reset', { position: position.toString() }, position));
    this.release();
  }

  /** A batch of the feed, up to `position`. */
  deliver(facts: LiveFact[]): void {
    if (this.closed) return;
    if (this.held) this.held.push(...facts);
    else this.send(facts);
  }

  /**
   * A comment every heartbeat; and when the feed moved on without anything for this listener,
   * its position, so a reconnect does not replay what was never theirs. Ends an expired stream
   * (also when the app's clock jumped, as tests make it).
   */
  heartbeat(position: bigint | null): void {
    if (this.closed) return;
    if (this.clock.now().getTime() >= this.untilMs) return this.end('expired');
    if (!this.held && position !== null && this.lastId !== null && position > this.lastId) {
      this.lastId = position;
      this.write(sseMessage('position', { position: position.toString() }, position));
    } else {
      this.write(sseComment('heartbeat'));
    }
  }

  end(reason: EndReason): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.expiry);
    if (this.response.destroyed || this.response.writableEnded) return;
    if (!this.response.headersSent) {
      this.response.destroy();
      return;
    }
    this.response.end(sseMessage('end', { reason }));
  }

  /** Stops timers once the connection is gone (the client left). */
  dispose(): void {
    this.ended = true;
    clearTimeout(this.expiry);
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = null;
    this.send(held.filter((f) => this.lastId === null || f.position > this.lastId));
  }

  /** Writes the facts this listener is told of, in one chunk; answers how many. */
  private send(facts: LiveFact[]): number {
    let out = '';
    let told = 0;
    for (const fact of facts) {
      const reason = endsStream(this.listener, fact);
      if (reason) {
        if (out) this.write(out);
        this.end(reason);
        return told;
      }
      if (!tells(this.listener, fact)) continue;
      out += sseMessage(fact.kind, messageData(fact), fact.position);
      this.lastId = fact.position;
      told++;
    }
    if (out) this.write(out);
    return told;
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.ended = true;
      clearTimeout(this.expiry);
      this.response.destroy();
      return;
    }
    this.response.write(chunk);
  }
}
