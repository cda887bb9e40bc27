import { WalSync } from './wal-sync';

/** A datasync that finishes when the test says so, counting its calls. */
function controlledSync() {
  const done: Array<() => void> = [];
  const datasync = jest.fn(() => new Promise<void>((resolve) => done.push(resolve)));
  return { datasync, finish: () => done.shift()!() };
}

const settled = async (p: Promise<void>) => {
  let state = false;
  void p.then(() => (state = true));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('WalSync', () => {
  it('answers a commit only after a sync that started after it', async () => {
    const { datasync, finish } = controlledSync();
    const wal = new WalSync('events.db-wal', datasync);
    const first = wal.sync();
    await new Promise((resolve) => setImmediate(resolve));
    const second = wal.sync(); // committed while the first sync runs: that one may not cover it
    finish();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    expect(datasync).toHaveBeenCalledTimes(2);
    finish();
    expect(await settled(second)).toBe(true);
  });

  it('shares one sync among the commits waiting together', async () => {
    const { datasync, finish } = controlledSync();
    const wal = new WalSync('keys.db-wal', datasync);
    const running = wal.sync();
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = [wal.sync(), wal.sync(), wal.sync()];
    finish();
    await running;
    await new Promise((resolve) => setImmediate(resolve));
    finish();
    await Promise.all(waiting);
    expect(datasync).toHaveBeenCalledTimes(2);
  });

  it('fails the commits a failed sync was for, and syncs again for the next', async () => {
    const datasync = jest.fn().mockRejectedValueOnce(new Error('EIO')).mockResolvedValue(undefined);
    const wal = new WalSync('keys.db-wal', datasync);
    await expect(wal.sync()).rejects.toThrow('EIO');
    await expect(wal.sync()).resolves.toBeUndefined();
    expect(datasync).toHaveBeenCalledTimes(2);
  });
});

describe('WalSync before a read', () => {
  it('waits for the commits not yet on disk, and costs nothing when none waits', async () => {
    const { datasync, finish } = controlledSync();
    const wal = new WalSync('keys.db-wal', datasync);
    await expect(settled(wal.caughtUp())).resolves.toBe(true);
    expect(datasync).not.toHaveBeenCalled();
    const committed = wal.sync();
    const read = wal.caughtUp();
    expect(await settled(read)).toBe(false);
    finish();
    await committed;
    expect(await settled(read)).toBe(true);
    expect(datasync).toHaveBeenCalledTimes(1);
  });
});
