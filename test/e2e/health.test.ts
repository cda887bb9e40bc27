import { rmSync } from 'node:fs';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { capabilitiesOf, READ_STORE, ReadStore } from '@helpdesk/read-store';
import { ReadinessChecks } from '../../apps/api/src/health/readiness-checks';
import { customer, newTicket, startTestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';

describe('health: liveness and readiness', () => {
  it('is ready when the stores answer and the projections keep up, and keeps GET /health as it was', async () => {
    const t = await startTestApp();
    try {
      await t.http.get('/health/live').expect(200, { status: 'ok' });
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.status).toBe('ok');
      expect(Object.keys(ready.body.details).sort()).toEqual(['accepting', 'eventStore', 'projections', 'readStore']);
      for (const check of Object.values(ready.body.details)) expect(check).toMatchObject({ status: 'up' });
      const health = await t.http.get('/health').expect(200);
      // The mode the read store declares (transactional on the embedded store and replica sets,
      // guarded on servers without transactions such as FerretDB).
      const declared = capabilitiesOf(t.app.get<ReadStore>(READ_STORE));
      expect(declared.mode).toBe(declared.transactions ? 'transactional' : 'guarded');
      expect(declared.backend).toBe(process.env.MONGO_URL ? 'mongodb' : 'embedded');
      expect(health.body).toEqual({ status: 'ok', eventStore: { backend: 'sqlite', headPosition: expect.any(String) }, readStore: declared });
    } finally {
      await t.destroy();
    }
  });

  it('is not ready (503 problem+json naming the projection) while projections lag beyond READY_MAX_PROJECTION_LAG_SECONDS, and ready again once they catch up', async () => {
    const t = await startTestApp({ env: { RUN_PROJECTIONS: 'false', READY_MAX_PROJECTION_LAG_SECONDS: '1' } });
    try {
      await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
      // Nothing projects, so the oldest unapplied event ages past the one second allowed.
      const refused = await waitUntil('readiness to fail', async () => {
        const res = await t.http.get('/health/ready');
        return res.status === 503 ? res : null;
      });
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: 'urn:helpdesk:problem:not-ready', status: 503, detail: 'Not ready: projections down.' });
      expect(refused.body.checks.error.projections.lagging.map((p: { name: string }) => p.name)).toContain('tickets');
      expect(refused.body.checks.details.eventStore.status).toBe('up');
      await t.http.get('/health/live').expect(200); // alive all along: nothing to restart

      await t.app.get(ProjectionEngine).start();
      await waitUntil('readiness to return', async () => (await t.http.get('/health/ready')).status === 200);
    } finally {
      await t.destroy();
    }
  });

  it('is not ready while a store is unreachable, and runs the checks other parts add', async () => {
    const t = await startTestApp();
    try {
      let reachable = true;
      t.app.get(ReadinessChecks).add('searchIndex', async () => ({ up: reachable, ...(reachable ? {} : { reason: 'connection refused' }) }));
      expect((await t.http.get('/health/ready').expect(200)).body.details.searchIndex).toEqual({ status: 'up' });
      reachable = false;
      const down = await t.http.get('/health/ready').expect(503);
      expect(down.body.checks.error).toEqual({ searchIndex: { status: 'down', reason: 'connection refused' } });

      await t.app.get<ReadStore>(READ_STORE).close();
      const closed = await t.http.get('/health/ready').expect(503);
      expect(Object.keys(closed.body.checks.error).sort()).toEqual(expect.arrayContaining(['readStore', 'searchIndex']));
      expect(closed.body.checks.error.readStore.status).toBe('down');
    } finally {
      await t.stop().catch(() => undefined); // the read store is already closed
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});
