import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { mailStreamId } from '@helpdesk/mail';
import { ticketStreamId } from '@helpdesk/ticketing';
import { buildApps, cliEntry } from '../support/build-once';
import { cliEnv, dropMongoDatabase } from '../support/mongo-env';
import { agent, startTestApp, tempDataDir } from '../support/test-app';

jest.setTimeout(90_000);

const FIXTURES = join(__dirname, '..', 'fixtures', 'mail');
const ENV = { MAIL_THREAD_SECRET: 'cli ingest thread secret, long enough', SUPPORT_ADDRESSES: 'support@helpdesk.test', MAIL_AUTH_DNS_TIMEOUT_MS: '200' };

describe('npm run cli -- ingest', () => {
  const dataDir = tempDataDir();
  beforeAll(() => buildApps());
  afterAll(async () => {
    await dropMongoDatabase(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (args: string[], input?: Buffer) => {
    // The CLI records into the stores the app on the same DATA_DIR reads (raw mail goes to GridFS with MONGO_URL).
    const run = spawnSync(process.execPath, [cliEntry, ...args], { env: cliEnv(dataDir, ENV), input, encoding: 'utf8', timeout: 60_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('runs a file or standard input through the pipeline, prints the outcome as JSON, and ingests each message once', async () => {
    const file = join(FIXTURES, '07-urdu-subject-utf8-base64.eml');
    const first = cli(['ingest', file]);
    expect(first).toMatchObject({ status: 0 });
    const created = JSON.parse(first.stdout.trim().split('\n').pop()!);
    expect(created).toEqual({ mailId: expect.stringMatching(/^m[0-9a-f]{32}$/), outcome: 'ticket_created', ticketId: expect.any(String) });

    const again = JSON.parse(cli(['ingest', file]).stdout.trim().split('\n').pop()!);
    expect(again).toEqual({ ...created, outcome: 'duplicate' });

    const fromStdin = cli(['ingest', '-'], readFileSync(join(FIXTURES, '19-x-autoreply.eml')));
    expect(fromStdin.status).toBe(0);
    expect(JSON.parse(fromStdin.stdout.trim().split('\n').pop()!)).toMatchObject({ outcome: 'auto_reply' });

    const junk = cli(['ingest', '-'], readFileSync(join(FIXTURES, '14-binary-junk.eml')));
    expect(JSON.parse(junk.stdout.trim().split('\n').pop()!)).toMatchObject({ outcome: 'unparseable' });

    expect(cli(['ingest']).status).toBe(2);
    expect(cli(['ingest', join(FIXTURES, 'no-such-file.eml')]).status).toBe(1);

    // The API on the same data finds what the CLI recorded: the ticket, the mail, its raw bytes.
    const t = await startTestApp({ dataDir, env: ENV });
    try {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const [submitted] = await store.readStream(ticketStreamId(created.ticketId));
      expect(submitted.data).toMatchObject({ subject: 'پاس ورڈ کام نہیں کر رہا', channel: 'email', customer: { email: 'aisha.urdu@example.pk', language: 'ur' } });
      expect(submitted.metadata).toMatchObject({ actor: { id: 'mail', role: 'system' }, idempotencyKey: `mail:${created.mailId}` });
      expect((await store.readStream(mailStreamId(created.mailId))).map((e) => e.type)).toEqual(['MailReceived', 'MailThreaded']);
      const raw = await t.http.get(`/mail/${created.mailId}/raw`).set(t.as(agent())).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(Buffer.compare(raw.body as Buffer, readFileSync(file))).toBe(0);
    } finally {
      await t.stop();
    }
  });
});
