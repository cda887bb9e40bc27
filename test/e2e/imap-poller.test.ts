import { Logger } from '@nestjs/common';
import { ManualClock } from '@helpdesk/shared';
import { validateSettings } from '../../apps/api/src/config/settings';
import { ImapPollerService, TAKEN_KEYWORD } from '../../apps/api/src/mail-transport/imap-poller.service';
import { Dovecot, dovecotAvailable, RecordingIngest, startDovecot } from '../support/mail-peers';
import { waitUntil } from '../support/wait';

/**
 * The IMAP poller against Debian's dovecot, started from its own config on a loopback port.
 * The mail pipeline is replaced by a recorder of what the poller hands over.
 */
const clock = new ManualClock('2026-03-02T09:30:00.000Z');
const message = (n: number) =>
  `From: Ayesha Khan <ayesha@example.pk>\r\nTo: support@helpdesk.test\r\nSubject: Request ${n}\r\nMessage-ID: <request-${n}@example.pk>\r\nDate: Mon, 2 Mar 2026 09:0${n % 10}:00 +0500\r\n\r\nPlease help with request ${n}.\r\n`;

const describeIfDovecot = dovecotAvailable() ? describe : describe.skip;

describeIfDovecot('IMAP poller', () => {
  let dovecot: Dovecot;
  beforeAll(() => Logger.overrideLogger(false));
  let pollers: ImapPollerService[] = [];
  beforeEach(async () => {
    dovecot = await startDovecot();
  });
  afterEach(async () => {
    await Promise.all(pollers.map((p) => p.stop()));
    pollers = [];
    await dovecot.stop();
  });

  const poller = (ingest: RecordingIngest, env: Record<string, string> = {}) => {
    const settings = validateSettings({ IMAP_URL: dovecot.url(), IMAP_POLL_SECONDS: '1', ...env });
    const service = new ImapPollerService(settings, ingest, clock);
    pollers.push(service);
    return service;
  };
  const subjects = (ingest: RecordingIngest) => ingest.received.map((m) => /^Subject: (.*)$/m.exec(m.raw.toString())![1].trim());

  it('ingests each appended message once, byte for byte, and marks it taken', async () => {
    const raws = [message(1), message(2), message(3)];
    for (const raw of raws) await dovecot.append(raw);
    const ingest = new RecordingIngest();
    const service = poller(ingest);

    const first = await service.pollOnce();
    expect(first.taken).toHaveLength(3);
    expect(ingest.received.map((m) => m.raw.toString())).toEqual(raws);
    expect(ingest.received.every((m) => m.receipt.transport === 'imap' && m.receipt.receivedAt instanceof Date)).toBe(true);
    const marked = await dovecot.messages();
    expect(marked.every((m) => m.flags.includes(TAKEN_KEYWORD) && m.flags.includes('\\Seen'))).toBe(true);

    expect((await service.pollOnce()).taken).toEqual([]);
    expect(ingest.received).toHaveLength(3);
  });

  it('takes nothing twice across a restart, and takes a message that arrives later on the next poll', async () => {
    await dovecot.append(message(1));
    const ingest = new RecordingIngest();
    const before = poller(ingest);
    await before.pollOnce();
    await before.stop();

    // A human reading the mailbox does not hide a new message: only the keyword counts.
    await dovecot.append(message(2));
    const after = poller(ingest);
    expect((await after.pollOnce()).taken).toHaveLength(1);
    expect(subjects(ingest)).toEqual(['Request 1', 'Request 2']);

    await dovecot.append(message(3));
    expect((await after.pollOnce()).taken).toHaveLength(1);
    expect(subjects(ingest)).toEqual(['Request 1', 'Request 2', 'Request 3']);
  });

  it('leaves a message unmarked when the pipeline fails, keeps the order, and takes it on the next round', async () => {
    await dovecot.append(message(1));
    await dovecot.append(message(2));
    const ingest = new RecordingIngest();
    ingest.failNext(1);
    const service = poller(ingest);

    await expect(service.pollOnce()).rejects.toThrow(/could not record message UID 1 .*left unmarked/);
    expect(ingest.received).toHaveLength(0);
    expect((await dovecot.messages()).map((m) => m.flags.includes(TAKEN_KEYWORD))).toEqual([false, false]);

    expect((await service.pollOnce()).taken).toEqual([1, 2]);
    expect(subjects(ingest)).toEqual(['Request 1', 'Request 2']);
  });

  it('polls on its own every IMAP_POLL_SECONDS once started', async () => {
    const ingest = new RecordingIngest();
    const service = poller(ingest);
    service.start();
    await dovecot.append(message(1));
    await waitUntil('the poller to take the first message', () => ingest.received.length === 1);
    await dovecot.append(message(2));
    await waitUntil('the poller to take the second message', () => ingest.received.length === 2);
    expect(subjects(ingest)).toEqual(['Request 1', 'Request 2']);
  });

  it('reports refused credentials without the password, keeps running, and recovers when they are right', async () => {
    const ingest = new RecordingIngest();
    const wrong = 'not-the-password-42';
    const bad = poller(ingest, { IMAP_URL: dovecot.url(wrong) });
    const error = await bad.pollOnce().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/Sign-in to imap:\/\/helpdesk@127\.0\.0\.1:\d+ refused/);
    expect(error?.message).not.toContain(wrong);

    // Started in the background, it records the failure and keeps retrying instead of crashing.
    bad.start();
    await waitUntil('the background round to fail', () => bad.lastError);
    expect(bad.lastError).not.toContain(wrong);
    await bad.stop();

    await dovecot.append(message(1));
    expect((await poller(ingest).pollOnce()).taken).toHaveLength(1);
  });

  it('reconnects after the connection is lost (the server restarted)', async () => {
    const ingest = new RecordingIngest();
    const service = poller(ingest);
    await dovecot.append(message(1));
    await service.pollOnce();

    await dovecot.restart();
    await dovecot.append(message(2));
    // The first round after the restart may still find the dead connection; one of the next ones reconnects.
    await waitUntil('the poller to reconnect', () => service.pollOnce().then((r) => r.taken.length > 0, () => false));
    expect(subjects(ingest)).toEqual(['Request 1', 'Request 2']);
  });

  it('names a folder that does not exist, without crashing', async () => {
    const service = poller(new RecordingIngest(), { IMAP_FOLDER: 'Support/Missing' });
    await expect(service.pollOnce()).rejects.toThrow(/Cannot open folder Support\/Missing on imap:\/\/helpdesk@127\.0\.0\.1/);
  });
});
