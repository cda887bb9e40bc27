import { ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, START, StoredEvent } from '@helpdesk/event-store';
import { physicalName, ProjectionRecord, REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { SqliteReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { cliEntry, buildApps } from '../support/build-once';
import { killHard, runToExit, signInCast, startApi } from '../support/api-process';
import { newTicket, tempDataDir } from '../support/test-app';
import { carryDataKeys } from '../support/carry-keys';
import { openPrivateEventStore } from '../../apps/api/src/privacy/private-event-store.factory';
import { waitUntil } from '../support/wait';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);

const COMMANDS = 400;
const CONCURRENCY = 40;
const METRICS_TOKEN = 'sigterm-test-scraper-token-0123456789abcdef';
const QUIET = { LOG_LEVEL: 'warn', AUDIT_CHECKPOINT_INTERVAL_MS: '0', METRICS_TOKEN };

type Outcome = { marker: string; status: number | 'no answer'; after: boolean };

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function allEvents(dataDir: string): Promise<StoredEvent[]> {
  // Through the app's own decrypting store: the markers are personal fields, sealed at rest.
  const store = await openPrivateEventStore({ DATA_DIR: dataDir }, () => new SqliteEventStore(join(dataDir, 'events.db')));
  const events: StoredEvent[] = [];
  for (let after = START; ; ) {
    const page = await store.readAll(after, 1000);
    if (page.length === 0) break;
    events.push(...page);
    after = page[page.length - 1].position;
  }
  await store.close();
  return events;
}

async function readModels(dataDir: string): Promise<Record<string, unknown[]>> {
  const store = new SqliteReadStore(join(dataDir, 'read.db'));
  const out: Record<string, unknown[]> = {};
  for (const projection of allProjections()) {
    const record = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: projection.name });
    for (const spec of projection.collections) out[spec.name] = await store.collection(physicalName(spec.name, record?.active.generation ?? 1)).find({}, { sort: { _id: 1 } });
  }
  await store.close();
  return out;
}

/** Starts the API on `dataDir`, waits until every projection has reached the head, then SIGTERMs it. */
// The outbox stays off: it rightly appends notifications for commands it had not reached before the
// SIGTERM (test/fault/outbox-kill.test.ts covers that), and this test counts every event.
async function projectAndStop(dataDir: string): Promise<void> {
  const api = await startApi(dataDir, { ...QUIET, RUN_ROUTING: 'false', RUN_SLA_WATCH: 'false', RUN_NOTIFICATIONS: 'false' });
  try {
    await waitUntil('the projections to reach the head', async () => {
      const res = await fetch(`${api.url}/metrics/prometheus`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      const behind = [...(await res.text()).matchAll(/^helpdesk_projection_positions_behind\{[^}]*\} (\S+)$/gm)].map((m) => Number(m[1]));
      return behind.length > 0 && behind.every((b) => b === 0);
    });
    api.child.kill('SIGTERM');
    expect(await exited(api.child)).toEqual({ code: null, signal: 'SIGTERM' });
  } finally {
    await killHard(api.child);
  }
}

describe('SIGTERM under load', () => {
  const dataDir = tempDataDir();
  const cleanDir = tempDataDir();
  let child: ChildProcess | undefined;

  beforeAll(() => buildApps());
  afterAll(async () => {
    if (child) await killHard(child);
    for (const dir of [dataDir, cleanDir]) rmSync(dir, { recursive: true, force: true });
  });

  it('answers or refuses every command, loses none it answered, writes none it refused, and leaves chains and read models whole', async () => {
    // The held read below waits up to 30 s; the grace lets it finish.
    const api = await startApi(dataDir, { ...QUIET, CONSISTENCY_WAIT_MS: '30000', SHUTDOWN_GRACE_MS: '60000', RUN_NOTIFICATIONS: 'false' });
    child = api.child;
    const { customer, agent } = await signInCast(api.url);
    const post = async (path: string, body: unknown, headers: Record<string, string>) => {
      const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json().catch(() => null)) as { id: string } };
    };
    const tickets: string[] = [];
    for (let i = 0; i < 10; i++) tickets.push((await post('/tickets', newTicket({ subject: `base ${i}` }), customer)).body.id);

    // A read held open on the server (it waits for a position far ahead), to show that a request
    // in flight when SIGTERM arrives is answered, not cut off.
    let signalled = false;
    const heldOpen = fetch(`${api.url}/tickets?consistentWith=999999999`, { headers: agent }).then((r) => ({ status: r.status, after: signalled }), () => ({ status: 'no answer', after: signalled }));
    await waitUntil('the held read to be in flight', async () => {
      const text = await (await fetch(`${api.url}/metrics/prometheus`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(/^helpdesk_http_requests_in_flight (\S+)$/m.exec(text)?.[1] ?? 0) >= 2; // it and this scrape
    });

    // Many writers; SIGTERM once a tenth of the commands are answered.
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < COMMANDS) {
        const i = next++;
        const marker = `sigterm-${i}`;
        const write = i % 5 === 0
          ? post('/tickets', newTicket({ subject: marker }), customer)
          : post(`/tickets/${tickets[i % tickets.length]}/comments`, { body: marker, visibility: 'internal' }, agent);
        const status = await write.then((r) => r.status, () => 'no answer' as const);
        outcomes.push({ marker, status, after: signalled });
        if (!signalled && outcomes.length >= COMMANDS / 10) {
          signalled = true;
          api.child.kill('SIGTERM');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const exit = await exited(api.child);
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' }); // Nest's shutdown hooks ran, then the signal ended it
    // Answered after the signal, not cut off: the position was never written (400), or, once the
    // store has closed and cannot say so, the read is not yet consistent (503).
    const held = await heldOpen;
    expect(held).toEqual({ status: expect.any(Number), after: true });
    expect([400, 503]).toContain(held.status);

    const statuses = new Set(outcomes.map((o) => o.status));
    for (const status of statuses) expect([200, 201, 503, 'no answer']).toContain(status);
    const answered = outcomes.filter((o) => o.status === 200 || o.status === 201);
    const refused = outcomes.filter((o) => o.status === 503);
    expect(answered.length).toBeGreaterThanOrEqual(COMMANDS / 10);

    // The store: every answered command exactly once, no refused one, nothing that was not sent.
    const events = await allEvents(dataDir);
    const written = new Map<string, number>();
    for (const e of events) {
      const marker = (e.data as { body?: string; subject?: string }).body ?? (e.data as { subject?: string }).subject;
      if (marker?.startsWith('sigterm-')) written.set(marker, (written.get(marker) ?? 0) + 1);
    }
    const sent = new Set(outcomes.map((o) => o.marker));
    for (const [marker, count] of written) expect({ marker, count, sent: sent.has(marker) }).toEqual({ marker, count: 1, sent: true });
    for (const o of answered) expect({ marker: o.marker, written: written.get(o.marker) }).toEqual({ marker: o.marker, written: 1 });
    for (const o of refused) expect({ marker: o.marker, written: written.get(o.marker) }).toEqual({ marker: o.marker, written: undefined });

    // Nothing half-written: every hash chain and checkpoint verifies.
    const verify = runToExit([process.execPath, cliEntry, 'verify', '--all'], { DATA_DIR: dataDir });
    expect(verify).toMatchObject({ status: 0 });

    // After a restart the read models equal a rebuild from the same events in an empty directory.
    copyFileSync(join(dataDir, 'events.db'), join(cleanDir, 'events.db'));
    await carryDataKeys(dataDir, cleanDir); // a log is read with its data keys
    await projectAndStop(dataDir);
    await projectAndStop(cleanDir);
    const [restarted, rebuilt] = [await allEvents(dataDir), await allEvents(cleanDir)];
    expect(restarted.map((e) => [e.id, e.position])).toEqual(events.map((e) => [e.id, e.position])); // the restarts appended nothing
    expect(rebuilt.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const [afterRestart, fromScratch] = [await readModels(dataDir), await readModels(cleanDir)];
    for (const name of Object.keys(fromScratch)) expect({ name, docs: afterRestart[name] }).toEqual({ name, docs: fromScratch[name] });
    expect((fromScratch.tickets as unknown[]).length).toBe(10 + answered.filter((o) => Number(o.marker.slice(8)) % 5 === 0).length + [...written.keys()].filter((m) => Number(m.slice(8)) % 5 === 0 && !answered.some((o) => o.marker === m)).length);
  });
});
