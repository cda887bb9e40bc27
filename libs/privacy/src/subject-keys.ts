import { createHmac, randomUUID } from 'node:crypto';
import { newDataKey, unwrapKey, wrapKey } from './data-key';
import { BlobKeyRecord, KeyStore, SubjectRecord } from './key-store.port';
import { deriveKey, MasterKeyError, masterKeyCheck } from './master-key';
import { Purpose, PURPOSES } from './personal-fields';
import { normaliseSubject } from './scope-rules';

export interface OpenKey {
  keyId: string;
  key: Buffer;
}

export interface SubjectKeysOptions {
  /** How long an unwrapped key is kept in memory. Bounds how long another process still opens a key shredded elsewhere. */
  cacheMs?: number;
  now?: () => Date;
}

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Data keys as the event store decorator needs them: made on first use for a scope, unwrapped
 * with the master key, kept in memory a short while, forgotten at once when shredded here.
 */
export class SubjectKeys {
  private readonly byId = new Map<string, Cached<Buffer | null>>();
  private readonly byScope = new Map<string, Cached<OpenKey>>();
  private readonly lookupKey: Buffer;
  private readonly cacheMs: number;
  private readonly now: () => Date;

  private constructor(
    readonly store: KeyStore,
    private readonly master: Buffer,
    options: SubjectKeysOptions,
  ) {
    this.lookupKey = deriveKey(master, 'subject-lookup');
    this.cacheMs = options.cacheMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Refuses a master key other than the one the store's keys are wrapped with. */
  static async open(store: KeyStore, master: Buffer, options: SubjectKeysOptions = {}): Promise<SubjectKeys> {
    const expected = masterKeyCheck(master);
    const stored = await store.ensureCheck(expected);
    if (stored !== expected) {
      throw new MasterKeyError(
        'The configured PII master key is not the one the key store was made with: no personal data could be read or written. Configure the original PII_MASTER_KEY (or restore DATA_DIR/pii-master-key).',
      );
    }
    return new SubjectKeys(store, master, options);
  }

  /** Keyed hash of the subject's email: the key store never holds the email itself. */
  lookupOf(subject: string): string {
    return createHmac('sha256', this.lookupKey).update(normaliseSubject(subject)).digest('hex');
  }

  subjectOf(email: string): Promise<SubjectRecord | null> {
    return this.store.subjectByLookup(this.lookupOf(email));
  }

  /**
   * The scope's key for `purpose`: the stored one, else (given the subject) a new one, else
   * 'shredded' when the scope's data of that purpose was erased, else null (no key, no subject).
   */
  async keyFor(scope: string, purpose: Purpose, subject?: () => Promise<string | null>): Promise<OpenKey | 'shredded' | null> {
    const cacheKey = `${scope}\u0000${purpose}`;
    const cached = this.byScope.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.value;
    let record = await this.store.keyFor(scope, purpose);
    if (!record) {
      if ((await this.store.shredded(scope)).some((s) => s.purpose === purpose)) return 'shredded';
      const email = subject ? await subject() : null;
      if (!email) return null;
      const at = this.now().toISOString();
      const lookup = this.lookupOf(email);
      const person = (await this.store.subjectByLookup(lookup)) ?? (await this.store.ensureSubject({ subjectId: randomUUID(), lookup, createdAt: at }));
      // Both of the scope's keys at once: one durable write per new scope, not one per purpose.
      const candidates = PURPOSES.map((p) => {
        const keyId = randomUUID();
        return { keyId, subjectId: person.subjectId, scope, purpose: p, wrapped: wrapKey(this.master, keyId, newDataKey()), createdAt: at };
      });
      const made = await this.store.ensureKeys(candidates);
      for (const k of made) this.remember({ keyId: k.keyId, key: unwrapKey(this.master, k.keyId, k.wrapped) }, k.scope, k.purpose);
      record = made.find((k) => k.purpose === purpose)!;
    }
    const open = { keyId: record.keyId, key: unwrapKey(this.master, record.keyId, record.wrapped) };
    this.remember(open, scope, purpose);
    return open;
  }

  private remember(open: OpenKey, scope: string, purpose: Purpose): void {
    this.byScope.set(`${scope}\u0000${purpose}`, { value: open, until: Date.now() + this.cacheMs });
    this.byId.set(open.keyId, { value: open.key, until: Date.now() + this.cacheMs });
  }

  /** The key a sealed value names, or null once it is shredded. */
  async keyById(keyId: string): Promise<Buffer | null> {
    const cached = this.byId.get(keyId);
    if (cached && (cached.value === null || cached.until > Date.now())) return cached.value;
    const record = await this.store.key(keyId);
    const key = record ? unwrapKey(this.master, record.keyId, record.wrapped) : null;
    this.byId.set(keyId, { value: key, until: Date.now() + this.cacheMs });
    return key;
  }

  /** A new key for one blob's bytes, wrapped by the master key as a record for the store. */
  newBlobKey(sha256: string, stored: string): { record: BlobKeyRecord; key: Buffer } {
    const keyId = randomUUID();
    const key = newDataKey();
    return { record: { sha256, keyId, wrapped: wrapKey(this.master, keyId, key), stored, createdAt: this.now().toISOString() }, key };
  }

  openBlobKey(record: BlobKeyRecord): Buffer {
    return unwrapKey(this.master, record.keyId, record.wrapped);
  }

  /** The purposes of the scope's data that were erased (for plaintext written before encryption). */
  async shreddedPurposes(scope: string): Promise<Set<Purpose>> {
    return new Set((await this.store.shredded(scope)).map((s) => s.purpose));
  }

  /** Shreds both keys of each scope (marked shredded even where none was made yet), in the store and in this process's memory. */
  async shred(scopes: Iterable<string>, at: Date, purposes: readonly Purpose[] = PURPOSES): Promise<void> {
    const targets = [...new Set(scopes)].flatMap((scope) => purposes.map((purpose) => ({ scope, purpose })));
    const doomed = await Promise.all(targets.map((t) => this.store.keyFor(t.scope, t.purpose)));
    await this.store.shred(targets, at.toISOString());
    for (const k of doomed) if (k) this.byId.set(k.keyId, { value: null, until: Number.MAX_SAFE_INTEGER });
    for (const t of targets) {
      const cached = this.byScope.get(`${t.scope}\u0000${t.purpose}`);
      if (cached) this.byId.set(cached.value.keyId, { value: null, until: Number.MAX_SAFE_INTEGER });
      this.byScope.delete(`${t.scope}\u0000${t.purpose}`);
    }
  }
}
