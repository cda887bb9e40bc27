import { SatisfactionRating } from '@helpdesk/projections';
import { Principal } from '../auth/principal';
import { MASKED, seesPii } from '../queries/ticket-access';
import { seesSatisfactionComment } from '../satisfaction/present-satisfaction';

/**
 * A satisfaction rating as `principal` may see it: the comment (free text about staff) for
 * supervisors and admins only, the customer's identity masked for analysts without a PII grant.
 */
export function presentRating(r: SatisfactionRating, principal: Principal) {
  const customer = seesPii(principal) ? { name: r.customer.name, email: r.customer.email } : { name: MASKED, email: `${MASKED}@${r.customer.email.split('@')[1] ?? ''}` };
  return {
    offerId: r._id,
    ticketId: r.ticketId,
    number: r.number,
    customer,
    score: r.score,
    ...(seesSatisfactionComment(principal) ? { comment: r.comment } : { hasComment: r.comment !== null }),
    ratedAt: r.ratedAt,
    changes: r.changes,
    offeredAt: r.offeredAt,
    voided: r.voided,
    agentId: r.agentId,
    team: r.team,
    category: r.category,
    priority: r.priority,
    channel: r.channel,
    position: r._position,
  };
}
