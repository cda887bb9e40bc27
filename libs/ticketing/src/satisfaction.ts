/**
 * Customer satisfaction (CSAT): on each resolution the customer is offered a rating of 1-5 with
 * an optional comment. One offer per resolution episode; a reopen before the rating voids it, a
 * reopen after it makes the rating final. The rating can be changed until `changeableUntil`.
 */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
export type SatisfactionScore = (typeof SATISFACTION_SCORES)[number];

/** Longest comment kept with a rating (characters). */
export const SATISFACTION_COMMENT_MAX = 2000;

/** The offer of the current (or last) resolution episode, as the decider knows it. */
export interface SatisfactionOffer {
  offerId: string;
  changeableUntil: string;
  score: SatisfactionScore | null;
  /** Voided by a reopen before any rating: it can no longer be rated. */
  voided: boolean;
  /** Made final before its deadline by a reopen after the rating. */
  frozen: boolean;
}

/** The offer of a ticket's nth resolution: readable, unique within the ticket. */
export const satisfactionOfferId = (ticketNumber: string, resolution: number) => `${ticketNumber}-R${resolution}`;

export const isSatisfactionScore = (value: unknown): value is SatisfactionScore => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;

/** 1 and 2 are the ratings that reopen the ticket or alert a supervisor. */
export const isLowSatisfaction = (score: number) => score <= 2;

/** A rating can still be changed at `now`: neither voided, frozen nor past its deadline. */
export function isSatisfactionChangeable(offer: Pick<SatisfactionOffer, 'voided' | 'frozen' | 'changeableUntil'>, now: Date): boolean {
  return !offer.voided && !offer.frozen && now.getTime() <= new Date(offer.changeableUntil).getTime();
}
