import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { BlobInfo, BlobStore, SHA256_HEX } from './blob-store.port';

/**
 * The embedded default: one file per blob under `dir/ab/cd/<sha256>`. Written to a temporary
 * name, fsynced and renamed, so a crash never leaves a half-written blob under a real address.
 */
export class FileBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  async put(bytes: Buffer): Promise<BlobInfo> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (!(await exists(path))) {
      await fs.mkdir(join(path, '..'), { recursive: true });
      const temp = `${path}.${randomUUID()}.tmp`;
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, path);
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && exists(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    try {
      await fs.unlink(this.pathOf(sha256));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async close(): Promise<void> {}

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
