import { parseThreadMessageId, threadMessageId, threadReferencesIn } from './message-id';

describe('thread Message-IDs', () => {
  const key = 'k'.repeat(32);
  const ref = { ticketId: '0b5e3c5e-1f53-4a8e-9a3c-2b8f0d1c9e77', notificationId: '6a1d0a37-4a44-4e0b-8f5e-5f2d9c0b7a21' };

  it('round-trips the ticket and notification they name', () => {
    const id = threadMessageId(ref, key, 'support.example.pk');
    expect(id).toMatch(/^<hd\..+@support\.example\.pk>$/);
    expect(parseThreadMessageId(id, key)).toEqual(ref);
  });
  it('refuses an id with another ticket under the same MAC (forgery)', () => {
    const id = threadMessageId(ref, key, 'x.pk').replace(ref.ticketId, '11111111-1f53-4a8e-9a3c-2b8f0d1c9e77');
    expect(parseThreadMessageId(id, key)).toBeNull();
  });
  it('refuses an id made with another key, and ids that are not ours', () => {
    expect(parseThreadMessageId(threadMessageId(ref, 'other'.repeat(8), 'x.pk'), key)).toBeNull();
    expect(parseThreadMessageId('<CAF=abc@mail.gmail.com>', key)).toBeNull();
  });
  it('finds ours among the References of a long thread', () => {
    const ours = threadMessageId(ref, key, 'x.pk');
    expect(threadReferencesIn(['<a@b>', ours, '<c@d>'], key)).toEqual([ref]);
  });
});
