import { DelegatingEventStore } from '../delegating-event-store';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { ExpectedRevision } from '../expected-revision';
import { AppendResult, EventToAppend } from '../stored-event';
import { CHAIN_FIELD, eventHash, GENESIS_HASH, linkOf } from './event-hash';

const MAX_RETRIES = 10;

/**
 * Tamper evidence for any adapter: every appended event carries, in its metadata, the hash of
 * the previous event of its stream and its own hash over its content, so editing or deleting a
 * stored event breaks the chain at that point. The chain is extended under an exact expected
 * revision, so two writers can never fork it; 'any' appends are retried on a race.
 */
export class HashChainingEventStore extends DelegatingEventStore {
  override async append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      const [last] = await this.inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      const current = last ? last.revision : 'no_stream';
      const exact = expectedRevision === 'any' || (expectedRevision === 'stream_exists' && last) ? current : expectedRevision;
      // A mismatch is the caller's conflict: let the store report it with the real revisions.
      if (exact !== current) return this.inner.append(streamId, events, expectedRevision);
      let prev = last ? (linkOf(last.metadata)?.hash ?? eventHash(GENESIS_HASH, last)) : GENESIS_HASH;
      let revision = last ? last.revision : -1;
      const chained = events.map((event) => {
        revision += 1;
        const hash = eventHash(prev, { ...event, streamId, revision });
        const link = { prev, hash };
        prev = hash;
        return { ...event, metadata: { ...event.metadata, [CHAIN_FIELD]: link } };
      });
      try {
        return await this.inner.append(streamId, chained, exact);
      } catch (error) {
        const raced = error instanceof WrongExpectedRevisionError && exact !== expectedRevision;
        if (!raced || attempt >= MAX_RETRIES) throw error;
      }
    }
  }
}
