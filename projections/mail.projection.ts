import { StoredEvent } from '@helpdesk/event-store';
import { AuthVerdict, MAIL_EVENT_TYPES, MAIL_STREAM_PREFIX, MailAddress, MailEvent, MailOutcome, MailTransport, outcomeAfter } from '@helpdesk/mail';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';

export const MAIL = 'mail';

/** One step of a message's record, as staff and auditors read it. */
export interface MailDecisionView {
  type: string;
  at: string;
  actorId: string;
  outcome: MailOutcome;
  ticketId: string | null;
  reason: string | null;
  detail: string | null;
}

/** A document of `mail`: one inbound message and what became of it. */
export interface MailView extends Doc {
  messageId: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  subject: string;
  receivedAt: string;
  transport: MailTransport;
  size: number;
  attachments: number;
  skippedAttachments: number;
  auth: { spf: AuthVerdict; dkim: AuthVerdict[]; dmarc: AuthVerdict; upstream: number };
  outcome: MailOutcome;
  reason: string | null;
  ticketId: string | null;
  commentId: string | null;
  decisions: MailDecisionView[];
  updatedAt: string;
  revision: number;
}

const MAIL_TYPES = new Set<string>(MAIL_EVENT_TYPES);

/** `mail`: every inbound message with its outcome, for staff reviewing held mail and auditors. */
export function mailProjection(): Projection {
  return {
    name: MAIL,
    version: 1,
    collections: [
      {
        name: MAIL,
        indexes: [
          { name: 'receivedAt', keys: [['receivedAt', -1]] },
          { name: 'outcome_receivedAt', keys: [['outcome', 1], ['receivedAt', -1]] },
          { name: 'ticketId', keys: [['ticketId', 1]] },
        ],
      },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      if (!stored.streamId.startsWith(MAIL_STREAM_PREFIX) || !MAIL_TYPES.has(stored.type)) return;
      const mailId = stored.streamId.slice(MAIL_STREAM_PREFIX.length);
      const event = { type: stored.type, data: stored.data } as MailEvent;
      const at = String(stored.metadata.occurredAt ?? stored.recordedAt.toISOString());
      const actorId = String((stored.metadata.actor as { id?: string } | undefined)?.id ?? '');
      await uow.update<MailView>(MAIL, mailId, stored, (doc) => {
        if (event.type === 'MailReceived') {
          const d = event.data;
          return {
            _id: mailId,
            messageId: d.messageId,
            from: d.from,
            to: d.to,
            subject: d.subject,
            receivedAt: at,
            transport: d.transport,
            size: d.size,
            attachments: d.attachments.length,
            skippedAttachments: d.skippedAttachments.length,
            auth: { spf: d.auth.spf.result, dkim: d.auth.dkim.map((k) => k.result), dmarc: d.auth.dmarc.result, upstream: d.auth.upstream.length },
            outcome: 'received',
            reason: null,
            ticketId: null,
            commentId: null,
            decisions: [{ type: event.type, at, actorId, outcome: 'received', ticketId: null, reason: null, detail: null }],
            updatedAt: at,
            revision: stored.revision,
          };
        }
        if (!doc) return undefined;
        const outcome = outcomeAfter(event);
        const next: MailView = { ...doc, outcome, updatedAt: at, revision: stored.revision };
        let reason: string | null = null;
        let detail: string | null = null;
        switch (event.type) {
          case 'MailUnparseable':
            detail = event.data.error;
            break;
          case 'MailIgnored':
            reason = event.data.reason;
            detail = event.data.detail;
            break;
          case 'MailBounced':
            reason = event.data.status;
            detail = event.data.diagnostic;
            next.ticketId = event.data.ticketIds[0] ?? null;
            break;
          case 'MailThreaded':
            reason = event.data.how === 'new_ticket' ? (event.data.reason ?? 'new_ticket') : event.data.how;
            next.ticketId = event.data.ticketId;
            next.commentId = event.data.commentId;
            break;
          case 'MailHeld':
            reason = event.data.reason;
            detail = event.data.detail;
            next.ticketId = event.data.ticketId;
            break;
          case 'MailRethreaded':
            reason = event.data.reason;
            detail = event.data.previousTicketId ? `moved from ticket ${event.data.previousTicketId}` : null;
            next.ticketId = event.data.ticketId;
            next.commentId = event.data.commentId;
            break;
        }
        next.reason = reason;
        next.decisions = [...doc.decisions, { type: event.type, at, actorId, outcome, ticketId: next.ticketId, reason, detail }];
        return next;
      });
    },
  };
}
