import { EventStore } from '@helpdesk/event-store';
import { evolveUser, User, userStreamId } from '@helpdesk/identity';
import { toUserEvent } from './user-event-codec';

interface Cached {
  user: User;
  revision: number;
}

/**
 * User accounts as of now, read from the event store itself rather than a projection: sign-in,
 * token checks and revocations must see the last write at once, also when another process made
 * it. Each account is cached with its revision and caught up by reading only the events after
 * it: one indexed read per request, usually returning nothing.
 */
export class UserDirectory {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly store: EventStore,
    private readonly maxCached = 10_000,
  ) {}

  async get(userId: string): Promise<{ user: User; revision: number } | null> {
    const cached = this.cache.get(userId);
    const stored = await this.store.readStream(userStreamId(userId), { fromRevision: cached ? cached.revision + 1 : 0 });
    if (!cached && stored.length === 0) return null;
    let user: User | null = cached?.user ?? null;
    for (const event of stored) user = evolveUser(user, toUserEvent(event));
    if (!user) return null;
    const revision = stored.length ? stored[stored.length - 1].revision : cached!.revision;
    this.remember(userId, { user, revision });
    return { user, revision };
  }

  private remember(userId: string, entry: Cached): void {
    const current = this.cache.get(userId);
    if (current && current.revision > entry.revision) return;
    this.cache.delete(userId);
    this.cache.set(userId, entry);
    if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
  }
}
