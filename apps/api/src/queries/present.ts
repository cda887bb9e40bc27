import { Doc } from '@helpdesk/read-store';
import { Actor } from '@helpdesk/ticketing';
import { TicketView } from '@helpdesk/projections';

/** A read-model document as the API shows it: `id` instead of `_id`, no bookkeeping fields. */
export function present<T extends Doc>(doc: T): Omit<T, '_id' | '_position'> & { id: string } {
  const { _id, _position, slaFacts, ...rest } = doc;
  void _position;
  void slaFacts;
  return { id: _id, ...rest } as Omit<T, '_id' | '_position'> & { id: string };
}

/** A ticket as `actor` may see it: customers never see internal notes. */
export function presentTicket(view: TicketView, actor: Actor) {
  const shown = present(view);
  if (actor.role !== 'customer') return shown;
  const comments = view.comments.filter((c) => c.visibility === 'public');
  return { ...shown, comments, commentCount: comments.length };
}
