import { randomUUID } from 'node:crypto';
import { DataKeyRecord, KeyStore } from '@helpdesk/privacy';

export interface KeyStoreUnderTest {
  store: KeyStore;
  /** A second store on the same storage, as another process or a restart would open it. */
  reopen: () => Promise<KeyStore>;
  cleanup?: () => Promise<void>;
}

const at = '2026-01-05T04:00:00.000Z';
const subject = (lookup: string = randomUUID()) => ({ subjectId: randomUUID(), lookup, createdAt: at });
const key = (subjectId: string, scope: string, purpose: 'identity' | 'content' = 'content'): DataKeyRecord => ({
  keyId: randomUUID(),
  subjectId,
  scope,
  purpose,
  wrapped: `wrapped-${randomUUID()}`,
  createdAt: at,
});

/** What every KeyStore adapter must do: one subject per lookup, one key per scope and purpose, shredding for good. */
export function keyStoreContract(name: string, open: () => Promise<KeyStoreUnderTest>): void {
  describe(`KeyStore contract: ${name}`, () => {
    let t: KeyStoreUnderTest;
    let store: KeyStore;
    const extra: KeyStore[] = [];
    beforeEach(async () => {
      t = await open();
      store = t.store;
    });
    afterEach(async () => {
      for (const other of extra.splice(0)) await other.close();
      await store.close();
      await t.cleanup?.();
    });
    const reopened = async () => {
      const other = await t.reopen();
      extra.push(other);
      return other;
    };

    it('keeps the first master key check and answers it to every later one', async () => {
      expect(await store.ensureCheck('first')).toBe('first');
      expect(await store.ensureCheck('second')).toBe('first');
      expect(await (await reopened()).ensureCheck('third')).toBe('first');
    });

    it('has one subject per lookup: a second candidate gets the first', async () => {
      const first = await store.ensureSubject(subject('lookup-a'));
      const second = await (await reopened()).ensureSubject(subject('lookup-a'));
      expect(second).toEqual(first);
      expect(await store.subjectByLookup('lookup-a')).toEqual(first);
      expect(await store.subject(first.subjectId)).toEqual(first);
      expect(await store.subjectByLookup('lookup-b')).toBeNull();
    });

    it('has one key per scope and purpose, even when two writers race', async () => {
      const s = await store.ensureSubject(subject());
      const other = await reopened();
      const [a, b] = await Promise.all([store.ensureKey(key(s.subjectId, 'ticket-1')), other.ensureKey(key(s.subjectId, 'ticket-1'))]);
      expect(a).toEqual(b);
      const identity = await store.ensureKey(key(s.subjectId, 'ticket-1', 'identity'));
      expect(identity.keyId).not.toBe(a.keyId);
      expect(await store.keyFor('ticket-1', 'content')).toEqual(a);
      expect(await store.key(a.keyId)).toEqual(a);
      expect((await store.keysOf(s.subjectId)).map((k) => k.keyId).sort()).toEqual([a.keyId, identity.keyId].sort());
    });

    it('makes several keys at once, keeping any a scope already has', async () => {
      const s = await store.ensureSubject(subject());
      const first = await store.ensureKey(key(s.subjectId, 'ticket-9', 'identity'));
      const made = await store.ensureKeys([key(s.subjectId, 'ticket-9', 'identity'), key(s.subjectId, 'ticket-9', 'content')]);
      expect(made[0]).toEqual(first);
      expect(await store.keyFor('ticket-9', 'content')).toEqual(made[1]);
    });

    it('shreds keys for good: gone from every reader, their scopes marked, others untouched', async () => {
      const s = await store.ensureSubject(subject());
      const someoneElse = await store.ensureSubject(subject());
      const mine = await store.ensureKey(key(s.subjectId, 'ticket-1'));
      const theirs = await store.ensureKey(key(someoneElse.subjectId, 'ticket-2'));
      await store.shred([mine], '2026-02-01T00:00:00.000Z');
      await store.shred([mine], '2026-03-01T00:00:00.000Z'); // again: nothing changes
      const other = await reopened();
      expect(await other.key(mine.keyId)).toBeNull();
      expect(await other.keyFor('ticket-1', 'content')).toBeNull();
      expect(await other.shredded('ticket-1')).toEqual([{ scope: 'ticket-1', purpose: 'content', erasedAt: '2026-02-01T00:00:00.000Z' }]);
      expect(await other.key(theirs.keyId)).toEqual(theirs);
      expect(await other.shredded('ticket-2')).toEqual([]);
    });

    it('has one key per blob, even when two writers race, and deletes it for good', async () => {
      const blob = (stored: string) => ({ sha256: 'a'.repeat(64), keyId: randomUUID(), wrapped: `wrapped-${randomUUID()}`, stored, createdAt: at });
      const other = await reopened();
      const [a, b] = await Promise.all([store.ensureBlobKey(blob('b'.repeat(64))), other.ensureBlobKey(blob('c'.repeat(64)))]);
      expect(a).toEqual(b);
      expect(await other.blobKey('a'.repeat(64))).toEqual(a);
      expect(await store.blobKey('d'.repeat(64))).toBeNull();
      expect(await store.deleteBlobKey('a'.repeat(64))).toBe(true);
      expect(await store.deleteBlobKey('a'.repeat(64))).toBe(false);
      expect(await other.blobKey('a'.repeat(64))).toBeNull();
      const again = await other.ensureBlobKey(blob('e'.repeat(64)));
      expect(again.stored).toBe('e'.repeat(64));
    });

    it('forgets a subject: its email lookup no longer finds it', async () => {
      const s = await store.ensureSubject(subject('lookup-x'));
      expect(await store.forgetSubject(s.subjectId)).toBe(true);
      expect(await store.forgetSubject(s.subjectId)).toBe(false);
      expect(await (await reopened()).subjectByLookup('lookup-x')).toBeNull();
    });
  });
}
