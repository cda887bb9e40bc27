import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

/** The API app serves the UI's static build at `/` beside the API, under the same security headers. */
describe('serving the agent UI', () => {
  let ui: string;
  let t: TestApp;
  beforeAll(async () => {
    ui = mkdtempSync(join(tmpdir(), 'helpdesk-ui-'));
    mkdirSync(join(ui, 'assets'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Helpdesk</title><script type="module" src="/assets/app-abc123.js"></script>');
    writeFileSync(join(ui, 'assets', 'app-abc123.js'), 'console.log("hi")');
    t = await startTestApp({ env: { UI_DIR: ui } });
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(ui, { recursive: true, force: true });
  });

  it('serves the page at / to anyone, revalidated, under the content security policy', async () => {
    const page = await t.http.get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.text).toContain('/assets/app-abc123.js');
  });

  it('serves hashed assets as immutable, and a missing one as a 404 problem, not a page', async () => {
    const asset = await t.http.get('/assets/app-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const missing = await t.http.get('/assets/nope.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });

  it('leaves the API as it was: its routes still need a sign-in', async () => {
    await t.http.get('/queue').expect(401);
    await t.http.post('/').send({}).expect(404);
  });

  it('without a build, / is a 404 problem and the API still starts', async () => {
    const bare = await startTestApp({ env: { UI_DIR: join(ui, 'not-built') } });
    try {
      const res = await bare.http.get('/').expect(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      await bare.http.get('/health/live').expect(200);
    } finally {
      await bare.destroy();
    }
  });
});
