import { Worker } from 'node:worker_threads';

/**
 * The writer's own automatic checkpoint, kept as a backstop (64 MiB of 4 KiB pages): it runs only
 * should the background thread fall behind or fail, so the WAL stays bounded either way.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 16384;
const EVERY_MS = 100;

export interface BackgroundCheckpoint {
  /** Closes the background connection to the file; resolves once it is closed. */
  stop(): Promise<void>;
}

interface Connection {
  pragma(source: string): unknown;
}

/**
 * Copies a SQLite file's WAL into the database from a worker thread, so that no commit on the
 * event loop does. SQLite's automatic checkpoint runs inside whichever COMMIT crosses its
 * threshold: it writes the WAL's pages into the database file and syncs it, and once the file
 * outgrows memory those writes land all over it: side-by-side profiles of submissions at 1k and
 * 100k open tickets put the whole slowdown in those commits (bench/RESULTS.md).
 * PASSIVE checkpoints wait for nobody, and durability is unchanged: a commit is durable once its
 * WAL frames are, and the checkpoint syncs the WAL before it copies anything.
 */
export function checkpointInBackground(writer: Connection, file: string): BackgroundCheckpoint {
  if (file === ':memory:' || file === '') return { stop: async () => undefined };
  writer.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const id = nextId++;
  const worker = checkpointer();
  watched.add(id);
  worker.postMessage({ kind: 'add', id, file });
  let stopped: Promise<void> | undefined;
  return { stop: () => (stopped ??= unwatch(worker, id)) };
}

let nextId = 1;
let current: Worker | null = null;
const watched = new Set<number>();
const removals = new Map<number, () => void>();

function checkpointer(): Worker {
  if (current) return current;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), everyMs: EVERY_MS } });
  worker.on('message', (message: { kind: string; id: number }) => {
    if (message.kind !== 'removed') return;
    removals.get(message.id)?.();
    removals.delete(message.id);
  });
  // A worker that dies leaves its files to their writers' backstop checkpoints.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    if (current === worker) current = null;
    for (const done of removals.values()) done();
    removals.clear();
  });
  // After the listeners: adding a 'message' listener refs the worker again, and a store left
  // open would then keep its process from exiting.
  worker.unref();
  return (current = worker);
}

async function unwatch(worker: Worker, id: number): Promise<void> {
  if (!watched.delete(id)) return;
  if (current !== worker) return; // it has exited, and its connections with it
  // Held while any answer is awaited: a process closing its stores must not exit half-way.
  worker.ref();
  try {
    await new Promise<void>((resolve) => {
      removals.set(id, resolve);
      worker.postMessage({ kind: 'remove', id });
    });
  } finally {
    if (removals.size === 0) worker.unref();
  }
  // No thread is left behind once every file is closed (a new one starts for the next).
  if (watched.size === 0 && current === worker) {
    current = null;
    await worker.terminate();
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = new Map();
parentPort.on('message', (message) => {
  if (message.kind === 'add') {
    try {
      open.set(message.id, new Database(message.file, { fileMustExist: true, timeout: 0 }));
    } catch {
      // The file is gone already: nothing to checkpoint, and its writer's backstop remains.
    }
  } else if (message.kind === 'remove') {
    const db = open.get(message.id);
    open.delete(message.id);
    try { db?.close(); } catch {}
    parentPort.postMessage({ kind: 'removed', id: message.id });
  }
});
setInterval(() => {
  for (const db of open.values()) {
    // Busy (another checkpoint running) or failing: the writer's backstop still bounds the WAL,
    // and a failing disk surfaces in the writer's own commits.
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  }
}, workerData.everyMs);
`;
