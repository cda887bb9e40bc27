import { rmSync } from 'node:fs';
import request from 'supertest';
import { apiEntry, buildApps } from '../support/build-once';
import { canUseMountNamespaces, FIRST_ADMIN, killHard, runToExit, signInCast, startApi } from '../support/api-process';
import { newTicket, tempDataDir } from '../support/test-app';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);

/*
 * A real full disk and a real read-only mount, made with a private mount namespace (root +
 * `unshare`), so SQLite meets the same errors it would in production.
 */
const inNamespace = (setup: string) => (command: string[]) => ['unshare', '-m', 'sh', '-c', `${setup} && exec "$0" "$@"`, ...command];
const available = canUseMountNamespaces();
if (!available) console.warn('Storage fault tests skipped: this machine cannot mount a private tmpfs (needs root and unshare)');
const describeIf = available ? describe : describe.skip;

describeIf('storage faults in DATA_DIR', () => {
  beforeAll(() => buildApps());

  it('on a full disk answers 503 problem+json, keeps every acknowledged ticket whole, and dead-letters nothing', async () => {
    const dataDir = tempDataDir();
    const api = await startApi(dataDir, {}, inNamespace('mount -t tmpfs -o size=4m tmpfs "$DATA_DIR"'));
    try {
      const http = request(api.url);
      const { customer, agent, admin } = await signInCast(api.url);
      const accepted: string[] = [];
      let refused: request.Response | undefined;
      const bulky = 'ا'.repeat(9000); // Urdu text: two bytes a letter
      for (let i = 0; i < 500 && !refused; i++) {
        const res = await http.post('/tickets').set(customer).set('Idempotency-Key', `fill-${i}`).send(newTicket({ description: bulky, subject: `filler ${i}` }));
        if (res.status === 201) accepted.push(res.body.id);
        else refused = res;
      }
      expect(refused).toBeDefined();
      expect(refused!.status).toBe(503);
      expect(refused!.headers['content-type']).toMatch(/problem\+json/);
      expect(refused!.headers['retry-after']).toBeDefined();
      expect(refused!.body.detail).toMatch(/full/i);

      // Retrying the refused request is refused the same way, never half-applied.
      const again = await http.post('/tickets').set(customer).set('Idempotency-Key', `fill-${accepted.length}`).send(newTicket({ description: bulky, subject: `filler ${accepted.length}` }));
      expect(again.status).toBe(503);

      for (const id of accepted) {
        const events = await http.get(`/tickets/${id}/events`).set(agent).expect(200);
        expect(events.body.map((e: { type: string }) => e.type)).toEqual(['TicketSubmitted']);
      }
      await http.get('/health/live').expect(200);
      const status = await http.get('/projections').set(admin).expect(200);
      for (const p of status.body.projections) expect(p.deadLetters).toBe(0);
    } finally {
      await killHard(api.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('on a read-only DATA_DIR refuses to start with a clear message, and the data is intact afterwards', async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startApi(dataDir);
      const { customer, agent } = await signInCast(first.url);
      const ticket = (await request(first.url).post('/tickets').set(customer).send(newTicket()).expect(201)).body;
      await killHard(first.child);

      const readOnly = runToExit(inNamespace('mount --bind "$DATA_DIR" "$DATA_DIR" && mount -o remount,ro,bind "$DATA_DIR"')([process.execPath, apiEntry]), {
        DATA_DIR: dataDir,
        PORT: '0',
        ...FIRST_ADMIN,
      });
      expect(readOnly.status).toBe(1);
      expect(readOnly.output).toMatch(/Cannot open the event store at .* \(is DATA_DIR writable, with space left\?\)/);

      const again = await startApi(dataDir);
      try {
        const events = await request(again.url).get(`/tickets/${ticket.id}/events`).set(agent).expect(200);
        expect(events.body).toHaveLength(1);
      } finally {
        await killHard(again.child);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
