import { createHash, randomBytes } from 'node:crypto';
import { BlobStore } from '@helpdesk/blob-store';

export interface BlobStoreUnderTest {
  store: BlobStore;
  /** A second store on the same storage, as another process or a restart would open it. */
  reopen: () => Promise<BlobStore>;
  cleanup?: () => Promise<void>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MB = 1024 * 1024;

/** What every BlobStore adapter must do: content-addressed, idempotent, byte for byte. */
export function blobStoreContract(name: string, open: () => Promise<BlobStoreUnderTest>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let t: BlobStoreUnderTest;
    let store: BlobStore;
    const extra: BlobStore[] = [];
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

    it('answers the SHA-256 (lowercase hex) and size of what it stores', async () => {
      const bytes = randomBytes(1000);
      expect(await store.put(bytes)).toEqual({ sha256: sha256(bytes), size: 1000 });
    });

    it.each([
      ['binary, every byte value', Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))],
      ['empty', Buffer.alloc(0)],
      ['one byte', Buffer.from([0])],
      ['UTF-8 text (Urdu)', Buffer.from('میرا پاس ورڈ کام نہیں کر رہا\r\n\0', 'utf8')],
      ['several MB of random bytes', randomBytes(5 * MB + 123)],
      ['an exact multiple of GridFS\u2019s default chunk size', randomBytes(2 * 255 * 1024)],
    ])('gives back %s byte for byte, also to another instance', async (_label, bytes) => {
      const { sha256: address } = await store.put(bytes);
      const back = await store.get(address);
      expect(back).not.toBeNull();
      expect(back!.length).toBe(bytes.length);
      expect(Buffer.compare(back!, bytes)).toBe(0);
      const other = await reopened();
      expect(Buffer.compare((await other.get(address))!, bytes)).toBe(0);
    });

    it('stores the same bytes once: a second put changes nothing, and one delete removes them', async () => {
      const bytes = randomBytes(300 * 1024);
      const first = await store.put(bytes);
      const second = await store.put(Buffer.from(bytes));
      expect(second).toEqual(first);
      expect(Buffer.compare((await store.get(first.sha256))!, bytes)).toBe(0);
      expect(await store.delete(first.sha256)).toBe(true);
      expect(await store.has(first.sha256)).toBe(false);
      expect(await store.get(first.sha256)).toBeNull();
    });

    it('keeps different bytes apart', async () => {
      const a = randomBytes(2048);
      const b = Buffer.from(a);
      b[2047] ^= 1;
      const [ia, ib] = [await store.put(a), await store.put(b)];
      expect(ia.sha256).not.toBe(ib.sha256);
      expect(Buffer.compare((await store.get(ia.sha256))!, a)).toBe(0);
      expect(Buffer.compare((await store.get(ib.sha256))!, b)).toBe(0);
    });

    it('has what it stored, and no longer once deleted; a second delete answers false', async () => {
      const { sha256: address } = await store.put(Buffer.from('attachment'));
      expect(await store.has(address)).toBe(true);
      expect(await store.delete(address)).toBe(true);
      expect(await store.has(address)).toBe(false);
      expect(await store.get(address)).toBeNull();
      expect(await store.delete(address)).toBe(false);
    });

    it('stores bytes again after they were deleted', async () => {
      const bytes = randomBytes(10_000);
      const { sha256: address } = await store.put(bytes);
      await store.delete(address);
      await store.put(bytes);
      expect(Buffer.compare((await store.get(address))!, bytes)).toBe(0);
    });

    it('knows nothing of an address it never stored', async () => {
      const unknown = sha256(randomBytes(16));
      expect(await store.get(unknown)).toBeNull();
      expect(await store.has(unknown)).toBe(false);
      expect(await store.delete(unknown)).toBe(false);
    });

    it('treats malformed addresses as unknown and never touches anything through them', async () => {
      const { sha256: address } = await store.put(Buffer.from('keep me'));
      const malformed = [
        '',
        'abc',
        address.toUpperCase(),
        `${address}0`,
        address.slice(0, 63),
        `../${address.slice(3)}`,
        `${address.slice(0, 2)}/${address.slice(3)}`,
        'g'.repeat(64),
        `${address.slice(0, 60)}\0abc`,
        '../../../../etc/passwd',
        `{"$ne":null}`,
      ];
      for (const bad of malformed) {
        expect({ bad, got: await store.get(bad) }).toEqual({ bad, got: null });
        expect({ bad, has: await store.has(bad) }).toEqual({ bad, has: false });
        expect({ bad, deleted: await store.delete(bad) }).toEqual({ bad, deleted: false });
      }
      expect(await store.has(address)).toBe(true);
    });

    it('takes concurrent puts of the same bytes, from one instance and from two, and keeps one copy', async () => {
      const bytes = randomBytes(MB + 17);
      const other = await reopened();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).put(Buffer.from(bytes))));
      for (const r of results) expect(r).toEqual({ sha256: sha256(bytes), size: bytes.length });
      expect(Buffer.compare((await store.get(results[0].sha256))!, bytes)).toBe(0);
      expect(Buffer.compare((await other.get(results[0].sha256))!, bytes)).toBe(0);
      // One copy: a single delete leaves nothing behind under the address.
      expect(await store.delete(results[0].sha256)).toBe(true);
      expect(await store.has(results[0].sha256)).toBe(false);
      expect(await other.get(results[0].sha256)).toBeNull();
    });

    it('takes concurrent puts of different bytes', async () => {
      const blobs = Array.from({ length: 12 }, (_, i) => randomBytes(1000 + i * 5000));
      const infos = await Promise.all(blobs.map((b) => store.put(b)));
      for (const [i, info] of infos.entries()) expect(Buffer.compare((await store.get(info.sha256))!, blobs[i])).toBe(0);
    });

    it('reads what is being written concurrently either as absent or whole, never in part', async () => {
      const bytes = randomBytes(3 * MB);
      const address = sha256(bytes);
      const other = await reopened();
      const writing = store.put(bytes);
      const seen: Array<number | null> = [];
      let done = false;
      void writing.finally(() => (done = true));
      while (!done) seen.push((await other.get(address))?.length ?? null);
      await writing;
      seen.push((await other.get(address))?.length ?? null);
      expect(seen.every((s) => s === null || s === bytes.length)).toBe(true);
      expect(seen[seen.length - 1]).toBe(bytes.length);
    });

    it('hands out its own copy: changing a returned buffer changes nothing stored', async () => {
      const bytes = Buffer.from('immutable');
      const { sha256: address } = await store.put(bytes);
      const first = (await store.get(address))!;
      first[0] = 0x58;
      bytes[1] = 0x58;
      expect((await store.get(address))!.toString()).toBe('immutable');
    });
  });
}
