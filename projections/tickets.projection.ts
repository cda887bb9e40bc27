import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { policyFor } from './ticket-core-state';
import { DEFAULT_SLA_POLICIES, SlaPolicies } from './ticket-sla';
import { evolveTicketCore } from './ticket-core';
import { AttachmentRef } from '@helpdesk/ticketing';
import { TicketFact, ticketFact } from './ticket-event';
import { AttachmentView, TicketView } from './ticket-view';

export const TICKETS = 'tickets';

/** `tickets`: the current view of every ticket, with its comments, for the ticket page and lists. */
export function ticketsProjection(policies: SlaPolicies = DEFAULT_SLA_POLICIES): Projection {
  return {
    name: TICKETS,
    version: 4,
    collections: [
      {
        name: TICKETS,
        indexes: [
          { name: 'number', keys: [['number', 1]], unique: true },
          { name: 'changes', keys: [['_position', 1]] },
          { name: 'open_sla_next', keys: [['open', 1], ['slaNextAt', 1]] },
          { name: 'status_updated', keys: [['status', 1], ['updatedAt', -1]] },
          { name: 'assignee_status_updated', keys: [['assigneeId', 1], ['status', 1], ['updatedAt', -1]] },
          { name: 'customer_email_updated', keys: [['customer.email', 1], ['updatedAt', -1]] },
          { name: 'submitted', keys: [['submittedAt', -1]] },
          { name: 'updated', keys: [['updatedAt', -1]] },
          { name: 'open_first_response_due', keys: [['open', 1], ['firstResponseAt', 1], ['firstResponseDueAt', 1]] },
          { name: 'open_resolution_due', keys: [['open', 1], ['resolutionDueAt', 1]] },
        ],
      },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const fact = ticketFact(stored);
      if (!fact) return;
      const policy = await policyFor(policies, await uow.get<TicketView>(TICKETS, fact.ticketId), fact);
      await uow.update<TicketView>(TICKETS, fact.ticketId, stored, (view) => {
        const next = evolveTicketCore(view, fact, policy) as TicketView | undefined;
        if (!next) return undefined;
        const { event } = fact;
        switch (event.type) {
          case 'TicketSubmitted':
            return {
              ...next,
              description: event.data.description,
              errorMessages: event.data.errorMessages,
              stepsToReproduce: event.data.stepsToReproduce,
              impact: event.data.impact,
              resolution: null,
              attachments: attachmentViews(event.data.attachments, fact),
              comments: [],
            };
          case 'CommentAdded':
            return {
              ...next,
              comments: [
                ...next.comments,
                { id: event.data.commentId, body: event.data.body, visibility: event.data.visibility, author: event.data.author, actorId: fact.actor.id, at: fact.occurredAt, attachments: attachmentViews(event.data.attachments, fact) },
              ],
            };
          case 'TicketResolved':
            return { ...next, resolution: event.data.resolution };
          case 'SatisfactionOffered':
            return { ...next, satisfaction: { offerId: event.data.offerId, offered: true, score: null, comment: null, changeableUntil: event.data.changeableUntil, frozen: false, ratedAt: null } };
          case 'SatisfactionRated':
            return next.satisfaction?.offerId === event.data.offerId
              ? { ...next, satisfaction: { ...next.satisfaction, score: event.data.score, comment: event.data.comment, ratedAt: fact.occurredAt } }
              : next;
          case 'SatisfactionOfferVoided':
            return next.satisfaction?.offerId === event.data.offerId ? { ...next, satisfaction: { ...next.satisfaction, offered: false } } : next;
          case 'TicketReopened':
            return next.satisfaction && next.satisfaction.score !== null ? { ...next, satisfaction: { ...next.satisfaction, frozen: true } } : next;
          default:
            return next;
        }
      });
    },
  };
}

function attachmentViews(refs: AttachmentRef[] | undefined, fact: TicketFact): AttachmentView[] {
  return (refs ?? []).map((a) => ({ id: a.attachmentId, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, actorId: fact.actor.id, at: fact.occurredAt }));
}
