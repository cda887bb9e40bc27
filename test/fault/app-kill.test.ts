import { ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { apiEntry, buildApps } from '../support/build-once';
import { agent, customer, newTicket, tempDataDir } from '../support/test-app';

jest.setTimeout(120_000);

/** Starts the built API as a real process on a free port; resolves once it answers. */
async function startApi(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [apiEntry], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`API exited early:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`API did not start:\n${output}`);
}

const killHard = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('SIGKILL of the API between append and projection', () => {
  const dataDir = tempDataDir();
  const port = 34000 + (process.pid % 1000);
  let child: ChildProcess | undefined;

  beforeAll(() => buildApps());
  afterAll(async () => {
    if (child) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: the projections catch up after a restart', async () => {
    // First life: commands are appended but no projection runs, then the process dies hard.
    child = await startApi(dataDir, port, { RUN_PROJECTIONS: 'false' });
    const http = request(`http://127.0.0.1:${port}`);
    const ids: string[] = [];
    let last = '0';
    for (let i = 0; i < 40; i++) {
      const res = await http.post('/tickets').set(customer).send(newTicket({ subject: `before the crash ${i}` })).expect(201);
      ids.push(res.body.id);
      last = res.body.position;
    }
    await killHard(child);

    // Second life: projections on; kill it again while it is busy taking more commands.
    child = await startApi(dataDir, port);
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => http.post('/tickets').set(customer).send(newTicket({ subject: `during ${i}` }))));
    for (const res of burst) {
      expect(res.status).toBe(201);
      ids.push(res.body.id);
      if (BigInt(res.body.position) > BigInt(last)) last = res.body.position;
    }
    await killHard(child);

    // Third life: everything acknowledged before each crash is there, exactly once.
    child = await startApi(dataDir, port);
    const list = await http.get('/tickets').query({ consistentWith: last, limit: 100 }).set(agent()).expect(200);
    expect(list.body.total).toBe(70);
    expect(new Set(list.body.items.map((t: { id: string }) => t.id))).toEqual(new Set(ids));
    const status = await http.get('/projections').set(agent()).expect(200);
    for (const p of status.body.projections) expect(p).toMatchObject({ positionsBehind: '0', deadLetters: 0 });
    await killHard(child);
  });
});
