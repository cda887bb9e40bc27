import { randomUUID } from 'node:crypto';
import { EventStore, Position, WrongExpectedRevisionError } from '@helpdesk/event-store';
import {
  decideUser,
  emailClaimStreamId,
  IdentityError,
  normalizeEmail,
  User,
  UserCommand,
  userNotFound,
  UserEvent,
  userStreamId,
} from '@helpdesk/identity';
import { Clock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';
import { userEventsToAppend } from './user-event-codec';
import { UserDirectory } from './user-directory';

export interface UserEnvelope {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}

export interface UserCommandResult {
  user: User;
  revision: number;
  position: Position;
  /** What this command recorded (a refresh that ended a session says so here). */
  events: UserEvent[];
}

type Registration = Extract<UserCommand, { type: 'RegisterUser' }>['data'];

/** A claim whose account never appeared (a crash between the two appends) is void after this. */
const ABANDONED_CLAIM_MS = 60_000;

/**
 * Load, fold, decide, append for user accounts, on the same event store as tickets. Emails are
 * unique through claim streams (see email-claims.ts); an account is found by email by reading
 * its claim and checking that the account it names still has that email.
 */
export class UserAccounts {
  constructor(
    private readonly store: EventStore,
    readonly directory: UserDirectory,
    readonly clock: Clock,
    private readonly options: { maxSessions?: number; maxConflictRetries?: number } = {},
  ) {}

  async register(data: Registration, envelope: UserEnvelope): Promise<UserCommandResult> {
    // Decide first: a refused registration claims nothing.
    const events = decideUser({ type: 'RegisterUser', data }, null, this.context(envelope));
    const registered = events[0] as Extract<UserEvent, { type: 'UserRegistered' }>;
    if (await this.store.readStream(userStreamId(registered.data.userId), { maxCount: 1 }).then((e) => e.length > 0)) {
      throw new IdentityError('user_already_exists', `User ${registered.data.userId} already exists.`);
    }
    await this.claimEmail(registered.data.email, registered.data.userId, envelope);
    return this.append(registered.data.userId, events, 'no_stream', envelope).catch((error) => {
      if (error instanceof WrongExpectedRevisionError) throw new IdentityError('user_already_exists', `User ${registered.data.userId} already exists.`);
      throw error;
    });
  }

  async execute(userId: string, command: Exclude<UserCommand, { type: 'RegisterUser' }>, envelope: UserEnvelope): Promise<UserCommandResult> {
    for (let attempt = 0; ; attempt++) {
      const found = await this.directory.get(userId);
      if (!found) throw userNotFound(userId);
      const events = decideUser(command, found.user, this.context(envelope));
      try {
        return await this.append(userId, events, found.revision, envelope);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= (this.options.maxConflictRetries ?? 10)) throw error;
      }
    }
  }

  async findByEmail(email: string): Promise<User | null> {
    const normalized = normalizeEmail(email);
    if (!normalized) return null;
    const [claim] = await this.store.readStream(emailClaimStreamId(normalized), { direction: 'backwards', maxCount: 1 });
    if (!claim) return null;
    const found = await this.directory.get(String(claim.data.userId));
    return found && found.user.email === normalized ? found.user : null;
  }

  private async claimEmail(email: string, userId: string, envelope: UserEnvelope): Promise<void> {
    const streamId = emailClaimStreamId(email);
    const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    if (last) {
      const holder = await this.directory.get(String(last.data.userId));
      const abandoned = !holder && this.clock.now().getTime() - new Date(String(last.metadata.occurredAt)).getTime() > ABANDONED_CLAIM_MS;
      const released = holder && holder.user.email !== email;
      if (!abandoned && !released) throw new IdentityError('email_taken', 'An account with this email already exists.');
    }
    try {
      await this.store.append(
        streamId,
        [
          {
            id: randomUUID(),
            type: 'EmailClaimed',
            data: { userId },
            metadata: { actor: envelope.actor, correlationId: envelope.correlationId, occurredAt: this.clock.now().toISOString(), schemaVersion: 1 },
          },
        ],
        last ? last.revision : 'no_stream',
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new IdentityError('email_taken', 'An account with this email already exists.');
      throw error;
    }
  }

  private async append(userId: string, events: UserEvent[], expected: number | 'no_stream', envelope: UserEnvelope): Promise<UserCommandResult> {
    const toAppend = userEventsToAppend(events, {
      correlationId: envelope.correlationId,
      causationId: envelope.causationId ?? randomUUID(),
      actor: envelope.actor,
      occurredAt: this.clock.now().toISOString(),
    });
    const result = await this.store.append(userStreamId(userId), toAppend, expected);
    const found = await this.directory.get(userId);
    return { user: found!.user, revision: result.nextRevision, position: result.position, events };
  }

  private context(envelope: UserEnvelope) {
    return { actor: envelope.actor, now: this.clock.now(), maxSessions: this.options.maxSessions };
  }
}
