import { createPublicKey } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { START } from '@helpdesk/event-store';
import { erasureProofValid, SubjectErasedData } from '@helpdesk/privacy';
import { MAIL_INGEST, MailIngest } from '../../apps/api/src/mail/mail-ingest.port';
import { STORED_EVENT_STORE } from '../../apps/api/src/privacy/private-event-store.factory';
import { EventStore } from '@helpdesk/event-store';
import { buildApps, cliEntry } from '../support/build-once';
import { databaseFor, mongoEnv } from '../support/mongo-env';
import { admin, agent, analyst, auditor, customer, newTicket, startTestApp, supervisor, TestApp, tempDataDir } from '../support/test-app';
import { startTestRelay } from '../support/test-relay';
import { nthVerificationMail, verificationOf } from '../support/verification-mail';

jest.setTimeout(300_000);

const SUPPORT = 'support@helpdesk.test';
const env = { RUN_ROUTING: 'false', SUPPORT_ADDRESSES: SUPPORT, MAIL_AUTH_DNS_TIMEOUT_MS: '0' };
const cli = (dataDir: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [cliEntry, ...args], { env: { ...process.env, DATA_DIR: dataDir, ...mongoEnv(dataDir) }, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};

// The subject: a caller with no account, who also wrote in by email, with a file each way.
const EMAIL = 'Zainab.Qureshi@example.pk';
const NAME = 'Zainab Qureshi';
const PHONE = '+92 321 7654321';
const SENTENCE = 'The meter number on my electricity bill for flat 7B is wrong';
const FILE_TEXT = 'ZAINAB-SCANNED-BILL-CONTENT';
const MAIL_FILE_TEXT = 'ZAINAB-MAIL-ATTACHMENT-CONTENT';
const MAIL_SENTENCE = 'My neighbour in flat 7C gets my bills instead';

const rawMail = Buffer.from(
  [
    `From: ${NAME} <${EMAIL}>`,
    `To: ${SUPPORT}`,
    'Subject: Wrong meter on my bill',
    'Message-ID: <zq-bill-1@example.pk>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `${MAIL_SENTENCE}. Call me on ${PHONE}.`,
    '--b1',
    'Content-Type: text/plain; name="zainab-meter.txt"',
    'Content-Disposition: attachment; filename="zainab-meter.txt"',
    '',
    MAIL_FILE_TEXT,
    '--b1--',
    '',
  ].join('\r\n'),
);

/** Every file under the directory, as bytes (database, WAL, blobs, keys: everything). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** Every document of the app's MongoDB database (read models, key store, GridFS), as BSON bytes. */
async function mongoDocuments(dataDir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const url = mongoEnv(dataDir).MONGO_URL;
  if (!url) return [];
  const { BSON, MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(url);
  try {
    const db = client.db(databaseFor(dataDir));
    const out: { path: string; bytes: Buffer }[] = [];
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const doc of await db.collection(name).find({}).toArray()) out.push({ path: `mongodb:${name}/${String(doc._id)}`, bytes: Buffer.from(BSON.serialize(doc)) });
    }
    return out;
  } finally {
    await client.close();
  }
}

/** Where any needle is found: every file under DATA_DIR and, on MongoDB, every document of the app's database. */
async function occurrences(dataDir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const { path, bytes } of [...filesUnder(dataDir), ...(await mongoDocuments(dataDir))]) {
    for (const needle of needles) {
      for (const form of new Set([needle, needle.toLowerCase()])) {
        if (bytes.includes(Buffer.from(form, 'utf8')) || bytes.includes(Buffer.from(form, 'utf16le'))) found.push(`${needle} in ${path.startsWith(dataDir) ? path.slice(dataDir.length) : path}`);
      }
    }
  }
  return found;
}

describe('erasing a data subject (crypto-shredding)', () => {
  beforeAll(() => buildApps());

  it('leaves no byte of their data anywhere in DATA_DIR, keeps lifecycle, SLA and metrics, verifies, and survives a full rebuild', async () => {
    const dataDir = tempDataDir();
    let t: TestApp = await startTestApp({ dataDir, env });
    const clock = t.clock; // the restarts keep the time the ticket was worked to (satisfaction's `final` is read at that instant)
    try {
      // A phone ticket for the caller, worked to closed, with a file on a reply.
      const phone = (await t.http.post('/tickets').set(t.as(agent())).send(newTicket({ channel: 'phone', subject: 'Called: wrong meter', description: `${SENTENCE}.`, customer: { name: NAME, email: EMAIL, phone: PHONE, timezone: 'Asia/Karachi', language: 'ur' } })).expect(201)).body;
      const id = phone.id;
      await t.http.post(`/tickets/${id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
      await t.http.post(`/tickets/${id}/start`).set(t.as(agent())).send({}).expect(200);
      await t.http.post(`/tickets/${id}/comments`).set(t.as(agent())).field('body', `Dear ${NAME}, here is the corrected bill`).field('visibility', 'public').attach('files', Buffer.from(FILE_TEXT), { filename: 'zainab-bill.txt', contentType: 'text/plain' }).expect(200);
      await t.http.post(`/tickets/${id}/resolve`).set(t.as(agent())).send({ resolution: `Meter number corrected for ${NAME}` }).expect(200);
      t.clock.advance(8 * 24 * 60 * 60 * 1000);
      await t.http.post(`/tickets/${id}/close`).set(t.as(agent())).send({}).expect(200);
      // The same person by email: a raw message and its attachment in the blob store.
      const mail = await t.app.get<MailIngest>(MAIL_INGEST).ingest(rawMail, { transport: 'smtp' });
      expect(mail).toMatchObject({ outcome: 'ticket_created' });
      // Someone else, untouched by it.
      const other = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ description: 'Bilal-free text of Ayesha that must stay' })).expect(201)).body;
      const last = (await t.http.post(`/tickets/${other.id}/comments`).set(t.as(customer)).send({ body: 'Ayesha’s own reply', visibility: 'public' }).expect(200)).body;

      const q = { consistentWith: last.position };
      const before = (await t.http.get(`/tickets/${id}`).query(q).set(t.as(admin)).expect(200)).body;
      const metricsBefore = (await t.http.get('/metrics/daily').query({ ...q, from: '2026-01-01', to: '2026-01-31' }).set(t.as(analyst)).expect(200)).body;
      const eventsBefore = (await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body;
      expect(before.customer).toMatchObject({ name: NAME, email: EMAIL.toLowerCase() });

      // What is held about them, as an export (admin).
      const exported = await t.http.get(`/privacy/subjects/${EMAIL}/export`).set(t.as(admin)).expect(200).expect('Content-Type', /json/);
      const doc = JSON.parse(exported.text);
      expect(doc.tickets.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([id, mail.ticketId]));
      expect(doc.events.map((e: { streamId: string }) => e.streamId)).toEqual(expect.arrayContaining([`ticket-${id}`, `mail-${mail.mailId}`]));
      expect(exported.text).toContain(SENTENCE);
      expect(exported.text).not.toContain('Bilal-free');

      // Files and raw mail are sealed at rest, before any erasure: the blob store (files under
      // DATA_DIR/blobs, or GridFS) holds none of their bytes, while the app still serves them.
      const blobsAtRest = [...filesUnder(dataDir).filter((f) => f.path.startsWith(join(dataDir, 'blobs'))), ...(await mongoDocuments(dataDir)).filter((d) => d.path.startsWith('mongodb:blobs.'))];
      expect(blobsAtRest.length).toBeGreaterThanOrEqual(3);
      const plainInBlobs = blobsAtRest.flatMap(({ path, bytes }) => [FILE_TEXT, MAIL_FILE_TEXT, MAIL_SENTENCE, EMAIL].filter((n) => bytes.includes(Buffer.from(n))).map((n) => `${n} in ${path}`));
      expect(plainInBlobs).toEqual([]);
      const raw = await t.http.get(`/mail/${mail.mailId}/raw`).set(t.as(admin)).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect((raw.body as Buffer).equals(rawMail)).toBe(true);

      await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
      // Only admins erase, with a reason.
      await t.http.post(`/privacy/subjects/${EMAIL}/erase`).set(t.as(supervisor)).send({ reason: 'x' }).expect(403);
      await t.http.post(`/privacy/subjects/${EMAIL}/erase`).set(t.as(admin)).send({}).expect(400);
      const erased = (await t.http.post(`/privacy/subjects/${EMAIL}/erase`).set(t.as(admin)).send({ reason: 'erasure request 2026-01-14, ref 88' }).expect(200)).body;
      expect(erased).toMatchObject({ subjectId: expect.any(String), scopes: 3, blobsDeleted: 3 });
      await t.http.post(`/privacy/subjects/${EMAIL}/erase`).set(t.as(admin)).send({ reason: 'again' }).expect(404);
      await t.http.get(`/privacy/subjects/${EMAIL}/export`).set(t.as(admin)).expect(404);

      // The proof: signed by the audit key, holding the pseudonym and no personal data.
      const stored = t.app.get<EventStore>(STORED_EVENT_STORE);
      const proof = (await stored.readStream(`subject-${erased.subjectId}`))[0];
      expect(JSON.stringify(proof.data)).not.toMatch(/zainab/i);
      const { publicKey } = (await t.http.get('/audit/checkpoints').set(t.as(auditor)).expect(200)).body;
      expect(erasureProofValid(proof.data as unknown as SubjectErasedData, createPublicKey(publicKey))).toBe(true);

      // Every read shows the fields erased; lifecycle, SLA and times unchanged.
      const after = (await t.http.get(`/tickets/${id}`).set(t.as(admin)).expect(200)).body;
      expect(after.customer).toMatchObject({ name: '[erased]', email: 'erased@erased.invalid', phone: '[erased]' });
      expect(after.description).toBe('[erased]');
      const PERSONAL = ['customer', 'description', 'subject', 'comments', 'resolution', 'errorMessages', 'stepsToReproduce', 'impact', 'attachments'];
      const structure = (view: Record<string, unknown>) => Object.fromEntries(Object.entries(view).filter(([k]) => !PERSONAL.includes(k)));
      const [c1, c2] = [before.comments, after.comments];
      expect(structure(after)).toEqual(structure(before));
      expect(c2.map((c: { body: string }) => c.body)).toEqual(c1.map(() => '[erased]'));
      expect(after.status).toBe('closed');
      const metricsAfter = (await t.http.get('/metrics/daily').query({ from: '2026-01-01', to: '2026-01-31' }).set(t.as(analyst)).expect(200)).body;
      expect(metricsAfter).toEqual(metricsBefore);
      const eventsAfter = (await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200)).body;
      expect(eventsAfter.map((e: { type: string; revision: number }) => [e.type, e.revision])).toEqual(eventsBefore.map((e: { type: string; revision: number }) => [e.type, e.revision]));
      expect(JSON.stringify(eventsAfter)).not.toContain(NAME);
      const history = (await t.http.get(`/tickets/${id}/history`).set(t.as(auditor)).expect(200)).body;
      expect(JSON.stringify(history)).not.toContain(NAME);
      expect((await t.http.get('/audit/verify').query({ ticket: id }).set(t.as(auditor)).expect(200)).body).toMatchObject({ ok: true });
      await t.http.get(`/tickets/${id}/attachments/${c1.find((c: { attachments?: unknown[] }) => c.attachments?.length).attachments[0].id}`).set(t.as(admin)).expect(404);
      const mine = (await t.http.get(`/tickets/${other.id}`).set(t.as(customer)).expect(200)).body;
      expect(mine.description).toBe('Bilal-free text of Ayesha that must stay');
      await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
      await t.stop();

      const needles = [EMAIL, NAME, PHONE, SENTENCE, FILE_TEXT, MAIL_FILE_TEXT, MAIL_SENTENCE, 'zainab-bill', 'zainab-meter', 'Zainab'];
      expect(await occurrences(dataDir, needles)).toEqual([]);
      expect(await occurrences(dataDir, ['Bilal-free text of Ayesha'])).not.toEqual([]);

      const verify = cli(dataDir, 'verify', '--all');
      expect(verify).toMatchObject({ status: 0 });
      expect(verify.out).toMatch(/OK: .* [1-9]\d* signed checkpoint\(s\) checked, 0 broken/);
      const rebuild = cli(dataDir, 'rebuild', 'all');
      expect(rebuild).toMatchObject({ status: 0 });
      expect(await occurrences(dataDir, needles)).toEqual([]);

      t = await startTestApp({ dataDir, env, clock });
      expect((await t.http.get(`/tickets/${id}`).set(t.as(admin)).expect(200)).body).toEqual(after);
      expect((await t.http.get('/metrics/daily').query({ from: '2026-01-01', to: '2026-01-31' }).set(t.as(analyst)).expect(200)).body).toEqual(metricsBefore);
    } finally {
      await t.destroy();
    }
  });

  it('erases a customer account made by email, with its web-form requests (filed or never proved): nothing left in DATA_DIR, no sign-in, and the address can sign up afresh', async () => {
    const relay = await startTestRelay();
    const dataDir = tempDataDir();
    const mailEnv = { ...env, SMTP_RELAY_URL: relay.url, MAIL_FROM: SUPPORT, MAIL_THREAD_SECRET: 'a thread secret for the erasure tests, 32+ chars', PUBLIC_URL: 'http://helpdesk.test' };
    let t: TestApp = await startTestApp({ dataDir, env: mailEnv });
    const email = 'Farah.Naz@example.pk';
    const form = (subject: string, description: string, file: string) =>
      t.http
        .post('/public/tickets')
        .field('subject', subject)
        .field('description', description)
        .field('customer[name]', 'Farah Naz')
        .field('customer[email]', email)
        .field('customer[phone]', '+92 300 1112223')
        .field('customer[timezone]', 'Asia/Karachi')
        .field('customer[language]', 'en')
        .attach('files', Buffer.from(file), { filename: 'farah-receipt.txt', contentType: 'text/plain' })
        .expect(202);
    try {
      // One request never proved (its files wait in the blob store), one proved: the account is made, the ticket filed.
      await form('Abandoned request', 'FARAH-NEVER-PROVED sentence about her landlord', 'FARAH-PENDING-FILE-BYTES');
      await form('Refund for order 7731', 'FARAH-FILED sentence about her refund', 'FARAH-FILED-FILE-BYTES');
      const { token } = verificationOf(await nthVerificationMail(relay, email.toLowerCase(), 2));
      const signedIn = (await t.http.post('/auth/customer/verify').send({ token }).expect(200)).body;
      const bearer = { Authorization: `Bearer ${signedIn.accessToken}` };
      const mine = (await t.http.get('/tickets').query({ consistentWith: signedIn.ticket.position }).set(bearer).expect(200)).body;
      expect(mine.items.map((i: { subject: string }) => i.subject)).toEqual(['Refund for order 7731']);
      // Another customer's ticket stays erased too, so that an erased account could not reach it (an address under `.invalid` reaches nothing).
      const other = (await t.http.post('/tickets').set(t.as(agent())).send(newTicket({ customer: { name: 'Someone Else', email: 'someone.else@example.pk' } })).expect(201)).body;
      await t.http.post(`/privacy/subjects/someone.else@example.pk/erase`).set(t.as(admin)).send({ reason: 'their request' }).expect(200);

      const erased = (await t.http.post(`/privacy/subjects/${email}/erase`).set(t.as(admin)).send({ reason: 'erasure request, ref 91' }).expect(200)).body;
      // The ticket, the account, both requests to prove the address and the two mails that carried them.
      const proof = (await t.app.get<EventStore>(STORED_EVENT_STORE).readStream(`subject-${erased.subjectId}`))[0].data as unknown as SubjectErasedData;
      expect(proof.scopes.map((scope) => scope.replace(/[0-9a-f-]{36}$/, 'ID').replace(/^verification-[0-9a-f]{64}#ID$/, 'verification-SHA#ID'))).toEqual(['notification-ID', 'notification-ID', 'ticket-ID', 'user-cust-ID', 'verification-SHA#ID', 'verification-SHA#ID']);
      expect(erased).toMatchObject({ scopes: 6, blobsDeleted: 2 });

      // The account is gone: its session, its refresh token, its email and password sign in no more.
      await t.http.get('/tickets').set(bearer).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: signedIn.refreshToken }).expect(401);
      const account = (await t.http.get(`/users/${signedIn.user.id}`).set(t.as(admin)).expect(200)).body;
      expect(account).toMatchObject({ email: 'erased@erased.invalid', name: '[erased]', role: 'customer' });
      const erasedTicket = (await t.http.get(`/tickets/${other.id}`).set(t.as(admin)).expect(200)).body;
      expect(erasedTicket.customer.email).toBe('erased@erased.invalid');
      await t.stop();

      const needles = [email, 'Farah Naz', '+92 300 1112223', 'FARAH-NEVER-PROVED', 'FARAH-FILED', 'FARAH-PENDING-FILE-BYTES', 'FARAH-FILED-FILE-BYTES', 'farah-receipt', 'Refund for order 7731', 'Abandoned request'];
      expect(await occurrences(dataDir, needles)).toEqual([]);
      expect(cli(dataDir, 'verify', '--all')).toMatchObject({ status: 0 });

      // The same address comes back: a new subject, a new account, reaching none of what was erased.
      t = await startTestApp({ dataDir, env: mailEnv, clock: t.clock });
      const restart = await t.http.post('/auth/customer/start').send({ email, language: 'en' });
      expect([restart.status, restart.body.detail]).toEqual([202, undefined]);
      const again = verificationOf(await nthVerificationMail(relay, email.toLowerCase(), 3));
      const back = (await t.http.post('/auth/customer/verify').send({ code: again.code, email }).expect(200)).body;
      expect(back.user.id).not.toBe(signedIn.user.id);
      expect(back.user).toMatchObject({ email: email.toLowerCase(), role: 'customer' });
      const head = (await t.http.get('/tickets').set(t.as(admin)).expect(200)).body;
      expect(head.total).toBe(2);
      expect((await t.http.get('/tickets').set({ Authorization: `Bearer ${back.accessToken}` }).expect(200)).body.items).toEqual([]);
    } finally {
      await t.destroy();
      await relay.close();
    }
  });

  it('lets a customer export their own data only, without internal notes', async () => {
    const t = await startTestApp({ env });
    try {
      const mine = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body;
      const note = (await t.http.post(`/tickets/${mine.id}/comments`).set(t.as(agent())).send({ body: 'internal: customer seems upset', visibility: 'internal' }).expect(200)).body;
      await t.http.get(`/tickets/${mine.id}`).query({ consistentWith: note.position }).set(t.as(agent())).expect(200);
      const own = await t.http.get(`/privacy/subjects/${customer.email}/export`).set(t.as(customer)).expect(200);
      expect(JSON.parse(own.text).tickets.map((x: { id: string }) => x.id)).toEqual([mine.id]);
      expect(own.text).not.toContain('customer seems upset');
      const byAdmin = await t.http.get(`/privacy/subjects/${customer.email}/export`).set(t.as(admin)).expect(200);
      expect(byAdmin.text).toContain('customer seems upset');
      await t.http.get(`/privacy/subjects/bilal@example.pk/export`).set(t.as(customer)).expect(404);
      await t.http.get(`/privacy/subjects/${customer.email}/export`).set(t.as(agent())).expect(403);
      await t.http.get(`/privacy/subjects/not-an-email/export`).set(t.as(admin)).expect(400);
    } finally {
      await t.destroy();
    }
  });
});

void START;
