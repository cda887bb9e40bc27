import { EventStoreUnavailableError } from '@helpdesk/event-store';
import { frozenUnderTest } from '@helpdesk/shared';
import { AppendResult, DelegatingEventStore, EventStore, EventSubscription, EventToAppend, ExpectedRevision, Position, ReadStreamOptions, StoredEvent } from '@helpdesk/event-store';
import { erasedValue, mapField, personalFieldsOf, Purpose } from './personal-fields';
import { isSealed, open, seal, sealedKeyId } from './sealed-value';
import { scopeOf, subjectNamedBy } from './scope-rules';
import { SubjectKeys } from './subject-keys';

export class PersonalDataError extends Error {}

/**
 * Personal fields encrypted per subject, over any event store: on the way in, each personal
 * field is sealed with its scope's data key (AES-256-GCM, bound to stream, type, event id and
 * field); on the way out it is opened, or reads as erased once the key is shredded. It sits
 * above the hash-chaining decorator, so chains and signed checkpoints cover the ciphertext and
 * still verify after an erasure. Events written before encryption (plaintext) are read as they
 * are, and as erased once their scope is.
 */
export class PrivateEventStore extends DelegatingEventStore {
  private readonly openedBatches = new WeakMap<StoredEvent[], Promise<StoredEvent[]>>();

  constructor(
    inner: EventStore,
    readonly keys: SubjectKeys,
  ) {
    super(inner);
  }

  override async append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    // In order: the event that starts a scope makes its keys for the ones after it.
    const sealed: EventToAppend[] = [];
    for (const event of events) sealed.push(await this.sealEvent(streamId, event));
    return this.inner.append(streamId, sealed, expectedRevision);
  }

  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.openEvents(await this.inner.readStream(streamId, options));
  }

  override async readAll(after: Position, maxCount: number): Promise<StoredEvent[]> {
    return this.openBatch(await this.inner.readAll(after, maxCount));
  }

  override subscribe(after: Position, options?: { maxBatch?: number }): EventSubscription {
    const inner = this.inner.subscribe(after, options);
    const openEvents = (batch: StoredEvent[]) => this.openBatch(batch);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const batch of inner) yield await openEvents(batch);
      },
    };
  }

  /** Closes the store and its key store. */
  override async close(): Promise<void> {
    await super.close();
    await this.keys.store.close();
  }

  /** The stored (sealed) events, as the chains and an export see them. */
  get stored(): EventStore {
    return this.inner;
  }

  private async sealEvent(streamId: string, event: EventToAppend): Promise<EventToAppend> {
    const fields = personalFieldsOf(event.type, event.data);
    if (fields.length === 0) return event;
    const scoped = { streamId, type: event.type, data: event.data };
    const scope = scopeOf(scoped);
    const subject = async () => subjectNamedBy(scoped) ?? (await this.subjectOfScope(scope));
    const keys = new Map<Purpose, Awaited<ReturnType<SubjectKeys['keyFor']>>>();
    let data = event.data;
    for (const field of fields) {
      if (!keys.has(field.purpose)) keys.set(field.purpose, await keyStoreWrite(() => this.keys.keyFor(scope, field.purpose, subject)));
      const key = keys.get(field.purpose)!;
      if (key === null) throw new PersonalDataError(`No data key and no subject for ${scope} (${event.type}): refusing to store personal data in clear.`);
      data = mapField(data, field.path, (value, path) =>
        key === 'shredded' ? erasedValue(field.kind) : seal(key.keyId, key.key, value, { streamId, type: event.type, eventId: event.id, path }),
      );
    }
    return { ...event, data };
  }

  /** The subject of a scope started before encryption: named in its first (plaintext) event. */
  private async subjectOfScope(scope: string): Promise<string | null> {
    const [first] = await this.inner.readStream(scope, { maxCount: 1 });
    if (!first) return null;
    const named = subjectNamedBy(first);
    const sealedAlready = personalFieldsOf(first.type, first.data).length > 0 && JSON.stringify(first.data).includes('"pii:1:');
    if (sealedAlready) throw new PersonalDataError(`The data key of ${scope} is missing from the key store though it was never erased: was the key store restored from an older backup than the events?`);
    return named;
  }

  /** A feed page the store below shares between its subscribers is opened once for all of them. */
  private openBatch(batch: StoredEvent[]): Promise<StoredEvent[]> {
    let opened = this.openedBatches.get(batch);
    if (!opened) this.openedBatches.set(batch, (opened = this.openEvents(batch).then(frozenUnderTest)));
    return opened;
  }

  private openEvents(events: StoredEvent[]): Promise<StoredEvent[]> {
    return Promise.all(events.map((e) => this.openEvent(e)));
  }

  private async openEvent(event: StoredEvent): Promise<StoredEvent> {
    const fields = personalFieldsOf(event.type, event.data);
    if (fields.length === 0) return event;
    // First what the event needs (async: keys, shredded marks), then the rewrite (sync).
    const keyIds = new Set<string>();
    let plaintext = false;
    for (const field of fields) {
      mapField(event.data, field.path, (value) => {
        if (isSealed(value)) keyIds.add(sealedKeyId(value));
        else plaintext = true;
        return value;
      });
    }
    const keys = new Map<string, Buffer | null>();
    for (const keyId of keyIds) keys.set(keyId, await this.keys.keyById(keyId));
    const missing = [...keys.values()].some((k) => k === null);
    const shredded = plaintext || missing ? await this.keys.shreddedPurposes(scopeOf(event)) : new Set<Purpose>();
    let data = event.data;
    for (const field of fields) {
      data = mapField(data, field.path, (value, path) => {
        if (!isSealed(value)) return shredded.has(field.purpose) ? erasedValue(field.kind) : value;
        const key = keys.get(sealedKeyId(value));
        if (!key) {
          if (shredded.has(field.purpose)) return erasedValue(field.kind);
          // Never shredded, yet gone: a key store that does not go with this log. Loud, not "erased".
          throw new PersonalDataError(`The data key of ${event.streamId} (${event.type} ${path}) is missing from the key store though it was never erased: is DATA_DIR/keys.db (or the MongoDB key store) the one that goes with these events?`);
        }
        try {
          return open(key, value, { streamId: event.streamId, type: event.type, eventId: event.id, path });
        } catch {
          throw new PersonalDataError(`A sealed field does not open: ${event.streamId} revision ${event.revision} (${event.type}) ${path} was altered or moved from another event.`);
        }
      });
    }
    return data === event.data ? event : { ...event, data };
  }
}

/** A key store that cannot write (full disk, read-only file, lost server) refuses the append as the event store would: 503, nothing written. */
async function keyStoreWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof PersonalDataError) throw error;
    throw new EventStoreUnavailableError(`The data key store cannot take writes: ${(error as Error).message}`, error);
  }
}
