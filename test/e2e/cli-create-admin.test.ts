import { spawnSync } from 'node:child_process';
import { buildApps, cliEntry } from '../support/build-once';
import { rmSync } from 'node:fs';
import { startTestApp, tempDataDir } from '../support/test-app';
import { mongoEnv } from '../support/mongo-env';

jest.setTimeout(180_000);

describe('npm run cli -- create-admin', () => {
  const dataDir = tempDataDir();
  beforeAll(() => buildApps());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const cli = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...mongoEnv(dataDir) };
    delete env.ADMIN_PASSWORD;
    Object.assign(env, options.env);
    const result = spawnSync(process.execPath, [cliEntry, ...args], { env, input: options.input ?? '', encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  it('creates an admin with a password from standard input or ADMIN_PASSWORD, once per email', async () => {
    const fromStdin = cli(['create-admin', '--email', 'Boss@Example.com', '--name', 'Sana Malik'], { input: 'a password from stdin\n' });
    expect(fromStdin).toMatchObject({ status: 0, output: expect.stringMatching(/Created admin boss@example.com/) });
    expect(fromStdin.output).not.toContain('a password from stdin');
    const fromEnv = cli(['create-admin', '--email', 'ops@example.com'], { env: { ADMIN_PASSWORD: 'a password from the env' } });
    expect(fromEnv.status).toBe(0);
    const again = cli(['create-admin', '--email', 'boss@example.com'], { input: 'trying to take over\n' });
    expect(again).toMatchObject({ status: 1, output: expect.stringMatching(/already exists; nothing changed/) });

    const t = await startTestApp({ dataDir });
    try {
      const boss = await t.http.post('/auth/login').send({ email: 'boss@example.com', password: 'a password from stdin' }).expect(200);
      expect(boss.body.user).toMatchObject({ role: 'admin', name: 'Sana Malik' });
      await t.http.post('/auth/login').send({ email: 'boss@example.com', password: 'trying to take over' }).expect(401);
      await t.http.post('/auth/login').send({ email: 'ops@example.com', password: 'a password from the env' }).expect(200);
      // The admin can work at once: create an agent.
      await t.http.post('/users').set({ Authorization: `Bearer ${boss.body.accessToken}` }).send({ email: 'ali@example.com', name: 'Ali', role: 'agent' }).expect(201);
    } finally {
      await t.stop();
    }
  });

  it('refuses a missing email or a weak password, and creates nothing', () => {
    expect(cli(['create-admin'], { input: 'long enough password\n' })).toMatchObject({ status: 2, output: expect.stringMatching(/needs --email/) });
    expect(cli(['create-admin', '--email', 'weak@example.com'], { input: 'admin\n' })).toMatchObject({ status: 2, output: expect.stringMatching(/at least 12/) });
    expect(cli(['create-admin', '--email', 'empty@example.com'])).toMatchObject({ status: 2 });
  });
});
