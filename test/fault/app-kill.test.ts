import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { buildApps } from '../support/build-once';
import { killHard, signInCast, startApi as startApiProcess } from '../support/api-process';
import { newTicket, tempDataDir } from '../support/test-app';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);

describe('SIGKILL of the API between append and projection', () => {
  const dataDir = tempDataDir();
  let child: ChildProcess | undefined;
  let url: string;
  let http: ReturnType<typeof request>;
  /** Starts a life of the API; `url` and `http` then point at it. */
  const startApi = async (env: Record<string, string> = {}) => {
    const api = await startApiProcess(dataDir, env);
    url = api.url;
    http = request(url);
    return api.child;
  };

  beforeAll(() => buildApps());
  afterAll(async () => {
    if (child) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: the projections catch up after a restart', async () => {
    // First life: commands are appended but no projection runs, then the process dies hard.
    child = await startApi({ RUN_PROJECTIONS: 'false' });
    // Signed in once: the tokens outlive both crashes (sessions are events; the key is in DATA_DIR).
    const { customer, agent, admin } = await signInCast(url);
    const ids: string[] = [];
    let last = '0';
    for (let i = 0; i < 40; i++) {
      const res = await http.post('/tickets').set(customer).send(newTicket({ subject: `before the crash ${i}` })).expect(201);
      ids.push(res.body.id);
      last = res.body.position;
    }
    await killHard(child);

    // Second life: projections on; kill it again while it is busy taking more commands.
    child = await startApi();
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => http.post('/tickets').set(customer).send(newTicket({ subject: `during ${i}` }))));
    for (const res of burst) {
      expect(res.status).toBe(201);
      ids.push(res.body.id);
      if (BigInt(res.body.position) > BigInt(last)) last = res.body.position;
    }
    await killHard(child);

    // Third life: everything acknowledged before each crash is there, exactly once.
    child = await startApi();
    const list = await http.get('/tickets').query({ consistentWith: last, limit: 100 }).set(agent).expect(200);
    expect(list.body.total).toBe(70);
    expect(new Set(list.body.items.map((t: { id: string }) => t.id))).toEqual(new Set(ids));
    const status = await http.get('/projections').set(admin).expect(200);
    for (const p of status.body.projections) expect(p).toMatchObject({ positionsBehind: '0', deadLetters: 0 });
    await killHard(child);
  });
});
