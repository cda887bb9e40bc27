/**
 * Wakes in-process readers the moment an append commits, and otherwise after `pollMs` so that
 * appends made by other processes on the same file are seen too.
 */
export class AppendSignal {
  private waiters: Array<() => void> = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  wait(pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiters = self.waiters.filter((w) => w !== done);
        resolve();
      }
      this.waiters.push(done);
    });
  }
}
