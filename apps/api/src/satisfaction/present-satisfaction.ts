import { SatisfactionView } from '@helpdesk/projections';
import { Principal } from '../auth/principal';

/** The ticket view's `satisfaction`, as the API shows it. */
export interface PresentedSatisfaction {
  offered: boolean;
  score?: number;
  comment?: string;
  changeableUntil?: string;
  /** No further rating or change is possible (the deadline passed, or the ticket was reopened after the rating). */
  final: boolean;
}

/** Who reads the rating's comment: free text the customer wrote about staff. */
export const seesSatisfactionComment = (principal: Principal) => principal.role === 'customer' || principal.role === 'supervisor' || principal.role === 'admin';

/**
 * The satisfaction of a ticket for `principal` at `now`; undefined before the first resolution.
 * The comment only for the ticket's customer (the caller has checked reach), supervisors and admins.
 */
export function presentSatisfaction(view: SatisfactionView | null | undefined, principal: Principal, now: Date): PresentedSatisfaction | undefined {
  if (!view) return undefined;
  if (!view.offered) return { offered: false, final: false };
  return {
    offered: true,
    ...(view.score !== null ? { score: view.score } : {}),
    ...(view.comment !== null && seesSatisfactionComment(principal) ? { comment: view.comment } : {}),
    changeableUntil: view.changeableUntil,
    final: view.frozen || now.getTime() > new Date(view.changeableUntil).getTime(),
  };
}
