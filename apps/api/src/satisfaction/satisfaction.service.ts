import { Inject, Injectable } from '@nestjs/common';
import { CommandResult, TicketCommandRunner, toTicketEvent } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { fold, isSatisfactionChangeable, Ticket, ticketStreamId } from '@helpdesk/ticketing';
import { problem } from '../http/problem';
import { SATISFACTION_LINK_KEY } from './satisfaction-link-secret';
import { customerRef, SatisfactionClaims, SatisfactionTokens } from './satisfaction-token';

/** What the public rating page shows for a link: never more than the ticket's number, subject and rating. */
export interface RatingPage {
  ticketNumber: string;
  subject: string;
  score: number | null;
  changeableUntil: string;
  final: boolean;
  /** The customer's language, for the page (`ur` or `en`). */
  language: 'en' | 'ur';
}

/**
 * Ratings by link. The token is the credential: it names the ticket, the offer and (as a hash)
 * the customer, and expires with the offer. Reading a link changes nothing; only `rate` records,
 * as the ticket's customer, through the ordinary command.
 */
@Injectable()
export class SatisfactionService {
  readonly tokens: SatisfactionTokens;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: TicketCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SATISFACTION_LINK_KEY) key: string,
  ) {
    this.tokens = new SatisfactionTokens(key);
  }

  async page(token: string): Promise<RatingPage> {
    const { ticket, subject } = await this.offerOf(token);
    const offer = ticket.satisfaction!;
    return {
      ticketNumber: ticket.number,
      subject,
      score: offer.score,
      changeableUntil: offer.changeableUntil,
      final: !isSatisfactionChangeable(offer, this.clock.now()),
      language: ticket.customer.language === 'ur' ? 'ur' : 'en',
    };
  }

  async rate(token: string, body: { score: number; comment?: string }, correlationId: string): Promise<CommandResult & { score: number; changeableUntil: string }> {
    const { claims, ticket } = await this.offerOf(token);
    const offer = ticket.satisfaction!;
    if (!isSatisfactionChangeable(offer, this.clock.now())) throw finalRating(ticket);
    const result = await this.runner.execute(
      claims.ticketId,
      { type: 'RateSatisfaction', data: { offerId: claims.offerId, score: body.score, ...(body.comment !== undefined ? { comment: body.comment } : {}) } },
      // The link proved the customer: the decider checks them against the ticket once more.
      { actor: { id: `rating-link:${claims.customer}`, role: 'customer' }, scope: { email: ticket.customer.email }, correlationId },
    );
    return { ...result, score: body.score, changeableUntil: offer.changeableUntil };
  }

  /** The ticket a genuine, unexpired link names, if the offer it names still stands for its customer. */
  private async offerOf(token: string): Promise<{ claims: SatisfactionClaims; ticket: Ticket; subject: string }> {
    const claims = this.tokens.verify(token, this.clock.now());
    const events = await this.store.readStream(ticketStreamId(claims.ticketId));
    const ticket = fold(events.map(toTicketEvent));
    if (!ticket || customerRef(ticket.customer.email) !== claims.customer) {
      throw problem(403, 'rating-link-not-yours', 'This rating link is not for this request', 'The link names another customer than the one who made the request. Open the link from your own email.');
    }
    const offer = ticket.satisfaction;
    if (!offer || offer.offerId !== claims.offerId) throw superseded(ticket);
    if (offer.voided) {
      throw problem(409, 'rating-offer-withdrawn', 'This request was reopened', `Request ${ticket.number} was reopened before it was rated; you will be asked again once it is resolved.`);
    }
    return { claims, ticket, subject: String((events[0].data as { subject?: string }).subject ?? '') };
  }
}

const finalRating = (ticket: Ticket) =>
  problem(409, 'rating-final', 'The rating is final', `The rating of request ${ticket.number} can no longer be changed.`, { ticketNumber: ticket.number, score: ticket.satisfaction?.score ?? null });
const superseded = (ticket: Ticket) =>
  problem(409, 'rating-final', 'The rating is final', `Request ${ticket.number} has been resolved again since this link was sent; use the link of the latest email.`, { ticketNumber: ticket.number });
