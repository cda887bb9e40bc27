import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlobStore, FileBlobStore } from '@helpdesk/blob-store';
import { blobStoreContract } from './blob-store.contract';

blobStoreContract('files under a directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-blobs-'));
  return {
    store: new FileBlobStore(dir),
    reopen: async () => new FileBlobStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('file blob store, beyond the contract', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-blobs-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is what createBlobStore makes without MONGO_URL, under DATA_DIR/blobs, leaving no temporary files', async () => {
    const store = await createBlobStore({ dataDir });
    expect(store).toBeInstanceOf(FileBlobStore);
    const { sha256 } = await store.put(Buffer.from('hello'));
    const files = readdirSync(join(dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4)));
    expect(files).toEqual([sha256]);
    await store.close();
  });

  it('does not take a half-written temporary file for a blob', async () => {
    const store = new FileBlobStore(dataDir);
    const bytes = Buffer.from('whole');
    const { sha256 } = await store.put(bytes);
    await store.delete(sha256);
    // What a crash during put leaves behind: a temporary file beside the address.
    mkdirSync(join(dataDir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
    writeFileSync(join(dataDir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.0b3e.tmp`), 'who');
    expect(await store.has(sha256)).toBe(false);
    expect(await store.get(sha256)).toBeNull();
    await store.put(bytes);
    expect((await store.get(sha256))!.toString()).toBe('whole');
  });
});
