import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { createApp } from '../../apps/api/src/create-app';
import { customer, newTicket, startTestApp, tempDataDir } from '../support/test-app';
import { mongoEnv } from '../support/mongo-env';

const boot = (dataDir: string, env: Record<string, string>) => createApp({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...mongoEnv(dataDir), ...env }, logger: false });

describe('the PII master key at start', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = tempDataDir()));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start with a configured key that is not a key, before writing anything', async () => {
    await expect(boot(dataDir, { PII_MASTER_KEY: 'my-secret-password' })).rejects.toThrow(/PII_MASTER_KEY is not a valid master key/);
    expect(existsSync(join(dataDir, 'events.db'))).toBe(false);
  });

  it('refuses to start with another key than the one the data keys were made with', async () => {
    const t = await startTestApp({ dataDir, env: { PII_MASTER_KEY: '11'.repeat(32) } });
    const { id } = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body;
    await t.stop();
    await expect(boot(dataDir, { PII_MASTER_KEY: '22'.repeat(32) })).rejects.toThrow(/not the one the key store was made with/);
    const again = await startTestApp({ dataDir, env: { PII_MASTER_KEY: '11'.repeat(32) } });
    expect((await again.http.get(`/tickets/${id}`).set(again.as(customer)).expect(200)).body.description).toBe(newTicket().description);
    await again.destroy();
  });
});
