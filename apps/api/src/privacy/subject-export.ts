import { EventStore, StoredEvent } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { normaliseSubject } from '@helpdesk/privacy';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { Principal } from '../auth/principal';
import { presentTicket } from '../queries/ticket-access';

/**
 * A subject access export: every ticket about the subject (as the ticket view: comments and
 * attachments with their download paths), then every event of those tickets, of the mail they
 * sent and of the notifications about them, from the event store. Yields JSON text in pieces,
 * so a long history streams with constant memory. A customer sees what they see in the app:
 * no internal notes.
 */
export async function* subjectExport(
  email: string,
  scopes: string[],
  principal: Principal,
  readModels: ReadModels,
  events: EventStore,
  exportedAt: Date,
): AsyncGenerator<string> {
  const subject = normaliseSubject(email);
  const staff = principal.role !== 'customer';
  yield `{"subject":${JSON.stringify(subject)},"exportedAt":${JSON.stringify(exportedAt.toISOString())},"tickets":[`;
  const tickets = await readModels.collection<TicketView>(TICKETS);
  let first = true;
  for (const view of await tickets.find({ 'customer.email': subject }, { sort: { submittedAt: 1 } })) {
    const shown = presentTicket(view, principal) as Record<string, unknown>;
    const attachments = (list: unknown) => (Array.isArray(list) ? list.map((a) => ({ ...a, download: `/tickets/${view._id}/attachments/${(a as { id: string }).id}` })) : list);
    const comments = Array.isArray(shown.comments) ? shown.comments.map((c) => ({ ...c, attachments: attachments((c as { attachments?: unknown }).attachments) })) : shown.comments;
    yield `${first ? '' : ','}${JSON.stringify({ ...shown, attachments: attachments(shown.attachments), comments })}`;
    first = false;
  }
  yield '],"events":[';
  first = true;
  for (const scope of scopes) {
    for (const event of await events.readStream(scope)) {
      if (!staff && isInternal(event)) continue;
      yield `${first ? '' : ','}${JSON.stringify(present(event))}`;
      first = false;
    }
  }
  yield ']}';
}

const isInternal = (event: StoredEvent) => event.type === 'CommentAdded' && event.data.visibility === 'internal';

function present(event: StoredEvent) {
  const { chain: _chain, requestHash: _hash, ...metadata } = event.metadata;
  void _chain;
  void _hash;
  return { streamId: event.streamId, revision: event.revision, position: event.position.toString(), type: event.type, data: event.data, metadata, recordedAt: event.recordedAt.toISOString() };
}
