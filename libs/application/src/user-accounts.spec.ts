import { SqliteEventStore } from '@helpdesk/event-store';
import { emailClaimStreamId, IdentityError } from '@helpdesk/identity';
import { ManualClock } from '@helpdesk/shared';
import { UserAccounts } from './user-accounts';
import { UserDirectory } from './user-directory';

const admin = { actor: { id: 'admin-1', role: 'admin' as const }, correlationId: 'test' };
const agent = (userId: string, email: string) => ({ userId, email, name: 'Someone', role: 'agent' as const });

describe('user accounts on the event store', () => {
  let store: SqliteEventStore;
  let clock: ManualClock;
  let accounts: UserAccounts;
  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    clock = new ManualClock();
    accounts = new UserAccounts(store, new UserDirectory(store), clock);
  });
  afterEach(() => store.close());

  it('gives an email to exactly one of many concurrent registrations', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => accounts.register(agent(`u${i}`, 'Same@Example.com'), admin)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'email_taken' });
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<UserAccounts['register']>>>).value.user;
    expect((await accounts.findByEmail(' same@example.COM '))?.id).toBe(winner.id);
  });

  it('refuses an existing id without touching the email', async () => {
    await accounts.register(agent('ali', 'ali@example.com'), admin);
    await expect(accounts.register(agent('ali', 'other@example.com'), admin)).rejects.toMatchObject({ code: 'user_already_exists' });
    expect(await store.readStream(emailClaimStreamId('other@example.com'))).toEqual([]);
    expect(await accounts.findByEmail('other@example.com')).toBeNull();
  });

  it('lets a registration take over a claim whose account never appeared, once it is clearly abandoned', async () => {
    await store.append(emailClaimStreamId('ghost@example.com'), [{ id: 'e1', type: 'EmailClaimed', data: { userId: 'never' }, metadata: { occurredAt: clock.now().toISOString() } }], 'no_stream');
    expect(await accounts.findByEmail('ghost@example.com')).toBeNull();
    await expect(accounts.register(agent('u1', 'ghost@example.com'), admin)).rejects.toBeInstanceOf(IdentityError);
    clock.advance(61_000);
    await accounts.register(agent('u1', 'ghost@example.com'), admin);
    expect((await accounts.findByEmail('ghost@example.com'))?.id).toBe('u1');
  });

  it('sees another process’s writes at once', async () => {
    const otherProcess = new UserAccounts(store, new UserDirectory(store), clock);
    await accounts.register(agent('ali', 'ali@example.com'), admin);
    expect((await otherProcess.directory.get('ali'))?.user.active).toBe(true);
    await accounts.execute('ali', { type: 'DeactivateUser', data: {} }, admin);
    expect((await otherProcess.directory.get('ali'))?.user.active).toBe(false);
  });

  it('retries a command that lost a race, deciding again on the new state', async () => {
    await accounts.register(agent('ali', 'ali@example.com'), admin);
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((team) => accounts.execute('ali', { type: 'ChangeTeams', data: { teams: [team] } }, admin)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const events = await store.readStream('user-ali');
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
  });
});
