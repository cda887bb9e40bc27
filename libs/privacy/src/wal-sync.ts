import { open } from 'node:fs/promises';

/**
 * fdatasync of a SQLite WAL file, in libuv's thread pool rather than on the event loop, shared
 * by the commits waiting for it. A commit waits for a sync that started after it did: one
 * already running may predate its frames.
 */
export class WalSync {
  private committed = 0;
  private synced = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly path: string,
    private readonly datasync: (path: string) => Promise<void> = datasyncFile,
  ) {}

  /** After a commit: resolves once it (and everything committed before) is on disk. */
  sync(): Promise<void> {
    return this.syncThrough(++this.committed);
  }

  /**
   * Before a read: resolves once every commit made so far is on disk, so nothing this process
   * reads (a key to seal with) can be lost to a power cut after being used. Free when none waits.
   */
  caughtUp(): Promise<void> {
    return this.synced >= this.committed ? Promise.resolve() : this.syncThrough(this.committed);
  }

  private async syncThrough(target: number): Promise<void> {
    while (this.synced < target) {
      if (this.running) {
        await this.running;
        continue;
      }
      const upTo = this.committed;
      this.running = this.datasync(this.path)
        .then(() => void (this.synced = Math.max(this.synced, upTo)))
        .finally(() => (this.running = null));
      await this.running;
    }
  }
}

async function datasyncFile(path: string): Promise<void> {
  // Opened each time: SQLite may remove and recreate the WAL file between two syncs.
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    // No WAL file: nothing committed waits in one (SQLite removes it only after a checkpoint).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
