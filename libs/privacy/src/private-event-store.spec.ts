import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, HashChainingEventStore, SqliteEventStore, verifyStream } from '@helpdesk/event-store';
import { MasterKeyError } from './master-key';
import { PersonalDataError, PrivateEventStore } from './private-event-store';
import { SqliteKeyStore } from './sqlite-key-store';
import { SubjectKeys } from './subject-keys';

const text = (events: { data: unknown; metadata: unknown }[]) => JSON.stringify(events.map((e) => [e.data, e.metadata]));
const meta = { occurredAt: '2026-01-05T04:00:00.000Z' };
const submitted = (email: string, name: string, description: string) => ({
  id: randomUUID(),
  type: 'TicketSubmitted',
  data: {
    ticketId: 't',
    number: 'HD-000001',
    subject: 'Cannot sign in',
    description,
    channel: 'phone',
    customer: { name, email, phone: '+92 300 1234567', timezone: 'Asia/Karachi', language: 'ur' },
    category: 'incident',
    priority: 'medium',
    errorMessages: ['E401 for Ayesha'],
    stepsToReproduce: null,
    impact: null,
    attachments: [{ attachmentId: 'a1', sha256: 'f'.repeat(64), filename: 'ayesha-cnic.png', contentType: 'image/png', size: 10 }],
  },
  metadata: meta,
});
const comment = (body: string) => ({ id: randomUUID(), type: 'CommentAdded', data: { commentId: randomUUID(), body, visibility: 'public', author: 'customer' }, metadata: meta });

describe('personal data sealed per subject in the event store', () => {
  let raw: EventStore;
  let keyStore: SqliteKeyStore;
  let keys: SubjectKeys;
  let store: PrivateEventStore;
  const master = randomBytes(32);
  beforeEach(async () => {
    raw = new HashChainingEventStore(new SqliteEventStore(':memory:'));
    keyStore = new SqliteKeyStore(':memory:');
    keys = await SubjectKeys.open(keyStore, master);
    store = new PrivateEventStore(raw, keys);
  });
  afterEach(async () => {
    await store.close();
    await keyStore.close();
  });

  it('stores ciphertext, reads back the event as written, and the chain covers what is stored', async () => {
    const event = submitted('ayesha@example.pk', 'Ayesha Khan', 'Password rejected since 9am');
    await store.append('ticket-t', [event, comment('My phone is 0300-1234567')], 'no_stream');
    const stored = text(await raw.readStream('ticket-t'));
    for (const secret of ['ayesha@example.pk', 'Ayesha Khan', 'Password rejected', '1234567', 'ayesha-cnic', 'Cannot sign in']) expect(stored).not.toContain(secret);
    expect(stored).toContain('"priority":"medium"');
    expect(stored).toContain('f'.repeat(64)); // structural: the blob address stays clear
    const [first, second] = await store.readStream('ticket-t');
    expect(first.data).toEqual(event.data);
    expect(second.data.body).toBe('My phone is 0300-1234567');
    expect(verifyStream('ticket-t', await raw.readStream('ticket-t')).ok).toBe(true);
  });

  it('refuses a ciphertext moved into another event (bound to stream, type, event id and field)', async () => {
    await store.append('ticket-t', [submitted('ayesha@example.pk', 'Ayesha Khan', 'secret text'), comment('hello')], 'no_stream');
    const [first, second] = await raw.readStream('ticket-t');
    const inner = new SqliteEventStore(':memory:');
    const forged = new PrivateEventStore(inner, keys);
    await inner.append('ticket-t', [{ id: first.id, type: first.type, data: first.data, metadata: {} }, { id: second.id, type: second.type, data: { ...second.data, body: (first.data as { description: string }).description }, metadata: {} }], 'no_stream');
    await expect(forged.readStream('ticket-t')).rejects.toThrow(PersonalDataError);
  });

  it('after shredding a subject its fields read as erased everywhere, structure unchanged, chain intact, others untouched', async () => {
    await store.append('ticket-t', [submitted('ayesha@example.pk', 'Ayesha Khan', 'her text'), comment('her reply')], 'no_stream');
    await store.append('ticket-u', [{ ...submitted('bilal@example.pk', 'Bilal', 'his text'), data: { ...submitted('bilal@example.pk', 'Bilal', 'his text').data, ticketId: 'u' } }], 'no_stream');
    const subject = (await keys.subjectOf('Ayesha@Example.pk'))!;
    await keys.shred((await keyStore.keysOf(subject.subjectId)).map((k) => k.scope), new Date('2026-02-01T00:00:00Z'));
    const reader = new PrivateEventStore(raw, await SubjectKeys.open(keyStore, master)); // another process
    for (const view of [store, reader]) {
      const [first, second] = await view.readStream('ticket-t');
      expect(first.data.customer).toEqual({ name: '[erased]', email: 'erased@erased.invalid', phone: '[erased]', timezone: 'Asia/Karachi', language: 'ur' });
      expect(first.data.description).toBe('[erased]');
      expect((first.data.attachments as { filename: string; sha256: string }[])[0]).toMatchObject({ filename: '[erased]', sha256: 'f'.repeat(64) });
      expect(first.data.priority).toBe('medium');
      expect(second.data.body).toBe('[erased]');
      const all = await view.readAll(0n, 100);
      expect(all.find((e) => e.streamId === 'ticket-u')!.data.description).toBe('his text');
    }
    expect(verifyStream('ticket-t', await raw.readStream('ticket-t')).ok).toBe(true);
    // Later writes to an erased ticket never store its personal data.
    await store.append('ticket-t', [comment('written after erasure')], 'any');
    expect(text(await raw.readStream('ticket-t'))).not.toContain('written after erasure');
    expect((await store.readStream('ticket-t'))[2].data.body).toBe('[erased]');
  });

  it('reads events written before encryption as they are, and as erased once their ticket is', async () => {
    const legacy = submitted('old@example.pk', 'Old Customer', 'plaintext from before');
    await raw.append('ticket-old', [legacy], 'no_stream');
    expect((await store.readStream('ticket-old'))[0].data).toEqual(legacy.data);
    await store.append('ticket-old', [comment('new reply, sealed')], 0); // the subject comes from the plaintext first event
    expect(text(await raw.readStream('ticket-old'))).not.toContain('new reply');
    const subject = (await keys.subjectOf('old@example.pk'))!;
    await keys.shred((await keyStore.keysOf(subject.subjectId)).map((k) => k.scope), new Date());
    const [first, second] = await store.readStream('ticket-old');
    expect(first.data.description).toBe('[erased]');
    expect((first.data.customer as { email: string }).email).toBe('erased@erased.invalid');
    expect(second.data.body).toBe('[erased]');
  });

  it('refuses to read a sealed field whose key is gone though never shredded (a key store that does not go with the log)', async () => {
    await store.append('ticket-t', [submitted('ayesha@example.pk', 'Ayesha Khan', 'text')], 'no_stream');
    const strangers = new SqliteKeyStore(':memory:');
    const elsewhere = new PrivateEventStore(raw, await SubjectKeys.open(strangers, master));
    await expect(elsewhere.readStream('ticket-t')).rejects.toThrow(/missing from the key store though it was never erased/);
    await strangers.close();
  });

  it('follows the live feed decrypted', async () => {
    const sub = store.subscribe(0n);
    await store.append('ticket-t', [submitted('ayesha@example.pk', 'Ayesha Khan', 'live text')], 'no_stream');
    for await (const batch of sub) {
      expect(batch[0].data.description).toBe('live text');
      break;
    }
    await sub.close();
  });

  it('seals a verification mail (no ticket yet) under a scope of its own, about its recipient', async () => {
    const requested = { id: randomUUID(), type: 'NotificationRequested', data: { notificationId: 'n1', ticketId: 'verification-request-1', kind: 'email_verification', recipient: 'bilal@example.pk', vars: { customerName: 'Bilal Ahmed' } }, metadata: meta };
    await store.append('notification-n1', [requested], 'no_stream');
    const stored = text(await raw.readStream('notification-n1'));
    for (const secret of ['bilal@example.pk', 'Bilal Ahmed']) expect(stored).not.toContain(secret);
    expect((await store.readStream('notification-n1'))[0].data).toEqual(requested.data);
  });

  it('refuses another master key than the one the keys were made with', async () => {
    await expect(SubjectKeys.open(keyStore, randomBytes(32))).rejects.toThrow(MasterKeyError);
  });
});
