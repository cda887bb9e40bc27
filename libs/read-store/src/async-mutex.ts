/**
 * One holder at a time, in arrival order. The embedded store's writer connection is shared by
 * async callers: while one transaction awaits inside its work, nobody else may write on it. The
 * MongoDB adapter takes it for every write where the server's updates are not atomic.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
