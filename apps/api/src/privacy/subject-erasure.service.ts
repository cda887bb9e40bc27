import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BLOB_STORE, BlobStore } from '@helpdesk/blob-store';
import { userEventsToAppend } from '@helpdesk/application';
import { EVENT_STORE, EventStore, START, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import {
  blobReferences,
  decideErasure,
  ERASED_EMAIL,
  ERASED_TEXT,
  foldSubject,
  normaliseSubject,
  PrivacyError,
  PrivateEventStore,
  Purpose,
  PURPOSES,
  scopeOf,
  signErasure,
  SubjectErasedData,
  SubjectEvent,
  SubjectKeys,
  subjectStreamId,
} from '@helpdesk/privacy';
import { USER_STREAM_PREFIX, verificationStreamId } from '@helpdesk/identity';
import { TICKETS, TicketView, USERS, UserView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';
import { Settings, SETTINGS } from '../config/settings';
import { ErasureSigner } from './erasure-signer';
import { STORED_EVENT_STORE } from './private-event-store.factory';
import { purgeReadModels } from './read-model-purge';

export interface ErasureOutcome {
  subjectId: string;
  erasedAt: string;
  scopes: number;
  blobsDeleted: number;
  position: string;
}

const BATCH = 5000;

/**
 * Erases a data subject: records the signed `SubjectErased` proof, shreds the data keys of
 * every scope (ticket, mail) holding their data, deletes the blobs only they referred to and
 * rebuilds the read models from events that now read as erased. Every step is idempotent, so
 * an erasure interrupted half-way is finished by the erasure follower at the next start.
 * One at a time per process (a rebuild at a time).
 */
@Injectable()
export class SubjectErasure {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly events: PrivateEventStore,
    @Inject(STORED_EVENT_STORE) private readonly stored: EventStore,
    private readonly keys: SubjectKeys,
    private readonly readModels: ReadModels,
    private readonly engine: ProjectionEngine,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signer: ErasureSigner,
  ) {}

  /**
   * The scopes holding the subject's data: those with their keys; and, written before
   * encryption, tickets and a customer account under their email (from the read models) and
   * their requests to prove the address.
   */
  async scopesOf(email: string): Promise<{ subjectId: string | null; scopes: string[] }> {
    const subject = await this.keys.subjectOf(email);
    const scopes = new Set<string>();
    if (subject) for (const k of await this.keys.store.keysOf(subject.subjectId)) scopes.add(k.scope);
    const address = normaliseSubject(email);
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    for (const t of await tickets.find({ 'customer.email': address })) scopes.add(`ticket-${t._id}`);
    const users = await this.readModels.collection<UserView>(USERS);
    for (const u of await users.find({ email: address, role: 'customer' })) scopes.add(`user-${u._id}`);
    for (const e of await this.stored.readStream(verificationStreamId(address))) {
      if (e.type === 'EmailVerificationRequested' && !JSON.stringify(e.data).includes('"pii:1:')) scopes.add(scopeOf(e));
    }
    return { subjectId: subject?.subjectId ?? null, scopes: [...scopes].sort() };
  }

  /**
   * Closes the erased person's account for good with `AccountErased` (once): every process's
   * user directory reads it on the next request, so no session, refresh or API token outlives
   * the erasure, and no cached copy of the account is used again.
   */
  private async closeAccount(streamId: string, erasure: SubjectErasedData): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const events = await this.events.readStream(streamId);
      if (events.length === 0 || events.some((e) => e.type === 'AccountErased')) return;
      const base = { correlationId: `erasure:${erasure.subjectId}`, causationId: erasure.subjectId, actor: { id: 'privacy', role: 'system' as const }, occurredAt: erasure.erasedAt };
      try {
        await this.events.append(streamId, userEventsToAppend([{ type: 'AccountErased', data: { subjectId: erasure.subjectId, email: ERASED_EMAIL, name: ERASED_TEXT } }], base), events[events.length - 1].revision);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 10) throw error;
      }
    }
  }

  /** The stored events of a scope that are on a stream of their own (`<stream>#<part>` scopes are part of one). */
  private async eventsOfScope(scope: string) {
    const events = await this.stored.readStream(scope.split('#')[0]);
    return scope.includes('#') ? events.filter((e) => scopeOf(e) === scope) : events;
  }

  erase(email: string, reason: string, actor: Actor, correlationId: string): Promise<ErasureOutcome> {
    return this.serially(async () => {
      const found = await this.scopesOf(email);
      if (!found.subjectId && found.scopes.length === 0) {
        throw new PrivacyError('subject_not_found', 'No personal data is held for this email (never seen, or already erased).');
      }
      const subjectId = found.subjectId ?? randomUUID(); // data from before encryption only: a fresh pseudonym
      const blobs = new Set<string>();
      for (const scope of found.scopes) for (const e of await this.eventsOfScope(scope)) for (const sha of blobReferences(e.data)) blobs.add(sha);
      const streamId = subjectStreamId(subjectId);
      const history = await this.events.readStream(streamId);
      const unsigned = decideErasure(foldSubject(history as unknown as SubjectEvent[]), { type: 'EraseSubject', data: { subjectId, reason, scopes: found.scopes, blobs: [...blobs] } }, this.clock.now());
      const erasure = signErasure(unsigned, this.signer.privateKey, this.signer.keyId);
      const id = randomUUID();
      const appended = await this.events.append(
        streamId,
        [{ id, type: 'SubjectErased', data: { ...erasure }, metadata: { eventId: id, correlationId, causationId: correlationId, actor, occurredAt: erasure.erasedAt, schemaVersion: 1 } }],
        history.length ? history[history.length - 1].revision : 'no_stream',
      );
      const blobsDeleted = await this.complete(erasure);
      return { subjectId, erasedAt: erasure.erasedAt, scopes: erasure.scopes.length, blobsDeleted, position: appended.position.toString() };
    });
  }

  /** Finishes a recorded erasure (again, harmlessly): keys, blobs, read models. Answers how many blobs were deleted. */
  async complete(erasure: SubjectErasedData): Promise<number> {
    await this.keys.shred(erasure.scopes, new Date(erasure.erasedAt));
    await this.keys.store.forgetSubject(erasure.subjectId);
    for (const scope of erasure.scopes) if (scope.startsWith(USER_STREAM_PREFIX)) await this.closeAccount(scope, erasure);
    const deleted = await this.deleteBlobs(erasure.blobs, new Set(erasure.scopes));
    await purgeReadModels(this.engine, this.settings.DATA_DIR, !this.settings.MONGO_URL);
    return deleted;
  }

  /** Shreds some keys of some scopes (retention), then deletes their blobs if asked and purges the read models. */
  shredScopes(scopes: string[], purposes: readonly Purpose[] = PURPOSES, deleteBlobs = true): Promise<number> {
    return this.serially(async () => {
      const blobs = new Set<string>();
      if (deleteBlobs) for (const scope of scopes) for (const e of await this.eventsOfScope(scope)) for (const sha of blobReferences(e.data)) blobs.add(sha);
      await this.keys.shred(scopes, this.clock.now(), purposes);
      const deleted = deleteBlobs ? await this.deleteBlobs([...blobs], new Set(scopes)) : 0;
      await purgeReadModels(this.engine, this.settings.DATA_DIR, !this.settings.MONGO_URL);
      return deleted;
    });
  }

  runSerially<T>(work: () => Promise<T>): Promise<T> {
    return this.serially(work);
  }

  /** Deletes the blobs no event outside the erased scopes refers to (the same bytes may be another person's file too). */
  private async deleteBlobs(candidates: readonly string[], scopes: Set<string>): Promise<number> {
    const doomed = new Set(candidates);
    if (doomed.size === 0) return 0;
    for (let after = START; ; ) {
      const batch = await this.stored.readAll(after, BATCH);
      if (batch.length === 0) break;
      for (const e of batch) if (!scopes.has(scopeOf(e))) for (const sha of blobReferences(e.data)) doomed.delete(sha);
      after = batch[batch.length - 1].position;
    }
    let deleted = 0;
    for (const sha of doomed) if (await this.blobs.delete(sha)) deleted++;
    return deleted;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
