import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { buildApps } from '../support/build-once';
import { killHard, signInCast, startApi } from '../support/api-process';
import { newTicket, tempDataDir } from '../support/test-app';
import { eventually, startTestRelay, TestRelay } from '../support/test-relay';

jest.setTimeout(180_000);

describe('SIGKILL of the API between an event and its notification', () => {
  const dataDir = tempDataDir();
  let child: ChildProcess | undefined;
  let relay: TestRelay;

  beforeAll(async () => {
    buildApps();
    relay = await startTestRelay();
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await relay?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every notification exactly once after the restart (counted at the relay)', async () => {
    const env = { SMTP_RELAY_URL: relay.url, MAIL_FROM: 'support@helpdesk.test', MAIL_THREAD_SECRET: 'a thread secret for the outbox fault test, 32+', RUN_ROUTING: 'false' };
    const acknowledgements = () => relay.messages.filter((m) => m.to.includes('ayesha@example.pk'));

    // First life: some requests are acknowledged normally.
    let api = await startApi(dataDir, env);
    child = api.child;
    let http = request(api.url);
    const { customer, admin } = await signInCast(api.url);
    const numbers: string[] = [];
    const submit = async (subject: string) => {
      const res = await http.post('/tickets').set(customer).send(newTicket({ subject })).expect(201);
      numbers.push(res.body.number);
    };
    for (let i = 0; i < 5; i++) await submit(`before the crash ${i}`);
    await relay.waitFor(() => acknowledgements().length === 5, 'the first five acknowledgements', 60_000);

    // Then the relay holds the next message without answering, while more requests arrive:
    // their events are appended, their notifications recorded or not yet, none recorded as sent.
    relay.mode = { kind: 'stall' };
    const offeredBefore = relay.offered;
    for (let i = 0; i < 10; i++) await submit(`during the crash ${i}`);
    await relay.waitFor(() => relay.stalled > 0, 'the sender to be in the middle of a send', 60_000);
    await killHard(child);
    expect(relay.messages).toHaveLength(5);
    expect(relay.offered).toBe(offeredBefore + 1);

    // Second life: the relay answers again. Everything pending goes out, once; nothing already sent goes again.
    relay.mode = { kind: 'accept' };
    api = await startApi(dataDir, env);
    child = api.child;
    http = request(api.url);
    await relay.waitFor(() => acknowledgements().length >= 15, 'all fifteen acknowledgements', 90_000);
    const pending = await eventually(
      async () => (await http.get('/notifications').query({ status: 'pending' }).set(admin).expect(200)).body.total as number,
      (total) => total === 0,
      'no notification left pending',
      60_000,
    );
    expect(pending).toBe(0);
    const sent = await http.get('/notifications').query({ status: 'sent', limit: 100 }).set(admin).expect(200);
    expect(sent.body.total).toBe(15);

    const subjects = acknowledgements().map((m) => m.parsed.subject ?? '');
    for (const number of numbers) expect({ number, copies: subjects.filter((s) => s.includes(`[${number}]`)).length }).toEqual({ number, copies: 1 });
    expect(new Set(acknowledgements().map((m) => m.parsed.messageId)).size).toBe(15);
    expect(relay.messages).toHaveLength(15);
    await killHard(child);
    child = undefined;
  });
});
