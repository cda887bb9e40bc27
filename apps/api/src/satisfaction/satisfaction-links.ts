import { SATISFACTION_SCORES } from '@helpdesk/ticketing';
import { SatisfactionTokens } from './satisfaction-token';

export interface RatingOffer {
  ticketId: string;
  offerId: string;
  customerEmail: string;
  changeableUntil: string;
}

/**
 * The five links of a resolution mail, one per score, to the public rating page with that score
 * pre-selected. Opening one records nothing (mail scanners open every link); the page's POST does.
 */
export function ratingLinks(publicUrl: string, tokens: SatisfactionTokens, offer: RatingOffer): string[] {
  const token = tokens.sign({ ticketId: offer.ticketId, offerId: offer.offerId, customerEmail: offer.customerEmail, expiresAt: offer.changeableUntil });
  return SATISFACTION_SCORES.map((score) => `${publicUrl.replace(/\/+$/, '')}/#/rate/${token}?score=${score}`);
}
