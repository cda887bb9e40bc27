import { startTestApp, supervisor, TestApp } from '../support/test-app';

/** The read store's probed capabilities and mode, as health and GET /projections declare them. */
describe('the read store declares the mode it runs in', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.destroy());

  it('on GET /health and GET /projections alike', async () => {
    const health = (await t.http.get('/health').expect(200)).body;
    const projections = (await t.http.get('/projections').set(t.as(supervisor)).expect(200)).body;
    expect(projections.readStore).toEqual(health.readStore);
    const mode = health.readStore;
    expect(mode.backend).toBe(process.env.MONGO_URL ? 'mongodb' : 'embedded');
    expect(mode.mode).toBe(mode.transactions ? 'transactional' : 'guarded');
    if (!process.env.MONGO_URL) expect(mode).toMatchObject({ server: 'SQLite (embedded)', transactions: true, mode: 'transactional' });
    for (const key of ['replicated', 'transactions', 'changeStreams', 'textSearch', 'atomicUpdates']) expect(typeof mode[key]).toBe('boolean');
  });
});
