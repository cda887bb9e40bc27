import { Actor } from './actor';
import { ActorScope, canReach, ticketReach } from './ticket-access';
import { initialPriority } from './priority';
import { TicketCommand } from './ticket-commands';
import { TicketEvent } from './ticket-events';
import { Ticket, TicketState } from './ticket-state';
import { TicketError, illegal, invalid, notAllowed, notFound } from './ticket-error';
import { requireTicketPermission } from './ticket-permissions';
import { MAX_TAGS_PER_TICKET, requireTags } from './tag';
import { TicketStatus } from './ticket-status';
import { isSatisfactionChangeable, isSatisfactionScore, SATISFACTION_COMMENT_MAX, satisfactionOfferId } from './satisfaction';

export interface DecisionContext {
  actor: Actor;
  /** The actor's account as far as reaching tickets goes (a customer's email, an agent's teams). */
  scope: ActorScope;
  now: Date;
  /** Days after resolution with no customer answer after which an agent may close anyway. */
  autoCloseAfterDays: number;
  /** Days after a resolution during which the customer may still change their rating (default 7). */
  satisfactionChangeableDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const STATUS_WORDS: Record<TicketStatus, string> = {
  new: 'new',
  assigned: 'assigned',
  in_progress: 'in progress',
  waiting_on_customer: 'waiting on the customer',
  resolved: 'resolved',
  closed: 'closed',
};

/**
 * The ticket decider: given the current state and a command, the events that record what
 * happened, or a TicketError saying why not. Pure and synchronous.
 */
export function decide(command: TicketCommand, state: TicketState, ctx: DecisionContext): TicketEvent[] {
  const { actor } = ctx;
  requireTicketPermission(command.type, actor);
  if (command.type === 'SubmitTicket') return submit(command.data, state, ctx);
  if (!state) throw notFound('(unknown)');
  // Out of reach is indistinguishable from unknown: the same error, the same words.
  if (!canReach(ticketReach(actor, ctx.scope), state)) throw notFound(state.id);
  const ticket = state;

  switch (command.type) {
    case 'AssignTicket': {
      requireNotIn(ticket, ['resolved', 'closed'], 'assigned');
      const agentId = requireText(command.data.agentId, 'agentId');
      if (actor.role === 'agent' && (agentId !== actor.id || ticket.assigneeId !== null)) {
        throw notAllowed('Agents can take an unassigned ticket for themselves; assigning and reassigning is for supervisors.');
      }
      if (ticket.assigneeId === agentId) {
        throw illegal(`Ticket ${ticket.number} is already assigned to ${agentId}.`);
      }
      return [
        {
          type: 'TicketAssigned',
          data: { agentId, previousAgentId: ticket.assigneeId, reason: command.data.reason ?? null },
        },
      ];
    }
    case 'AcknowledgeAssignment': {
      if (ticket.status !== 'assigned' || !ticket.assigneeId) {
        throw illegal(`Only an assigned ticket can be acknowledged; ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]}.`);
      }
      requireAssignee(ticket, actor, 'acknowledge it');
      if (ticket.acknowledged) throw illegal(`You have already acknowledged ticket ${ticket.number}.`);
      return [{ type: 'AssignmentAcknowledged', data: { agentId: actor.id, note: command.data.note ?? null } }];
    }
    case 'PrioritizeTicket': {
      requireNotIn(ticket, ['closed'], 'reprioritized');
      if (ticket.priority === command.data.priority) {
        throw illegal(`Ticket ${ticket.number} is already ${command.data.priority} priority.`);
      }
      return [
        {
          type: 'TicketPrioritized',
          data: { priority: command.data.priority, previousPriority: ticket.priority, reason: command.data.reason ?? null },
        },
      ];
    }
    case 'CategorizeTicket': {
      requireNotIn(ticket, ['closed'], 'recategorized');
      if (ticket.category === command.data.category) {
        throw illegal(`Ticket ${ticket.number} is already in the ${command.data.category} category.`);
      }
      return [{ type: 'TicketCategorized', data: { category: command.data.category, previousCategory: ticket.category } }];
    }
    case 'TagTicket': {
      const add = requireTags(command.data.add ?? [], 'add');
      const remove = requireTags(command.data.remove ?? [], 'remove');
      if (add.length === 0 && remove.length === 0) throw invalid('Give tags to add or to remove.');
      const both = add.find((tag) => remove.includes(tag));
      if (both) throw invalid(`"${both}" cannot be both added and removed.`);
      const current = ticket.tags ?? [];
      const added = add.filter((tag) => !current.includes(tag));
      const removed = remove.filter((tag) => current.includes(tag));
      if (added.length === 0 && removed.length === 0) throw illegal(`Ticket ${ticket.number} already has those tags.`);
      const tags = [...current.filter((tag) => !removed.includes(tag)), ...added];
      if (tags.length > MAX_TAGS_PER_TICKET) throw invalid(`A ticket carries at most ${MAX_TAGS_PER_TICKET} tags; ticket ${ticket.number} would have ${tags.length}.`);
      return [{ type: 'TicketTagsChanged', data: { added, removed, tags } }];
    }
    case 'SetTeam': {
      requireNotIn(ticket, ['closed'], 'routed to a team');
      const team = command.data.team === null ? null : requireTeam(command.data.team);
      if (ticket.team === team) throw illegal(team ? `Ticket ${ticket.number} is already with team ${team}.` : `Ticket ${ticket.number} is with no team already.`);
      return [{ type: 'TicketTeamChanged', data: { team, previousTeam: ticket.team, reason: command.data.reason ?? null } }];
    }
    case 'RecordRuleFiring':
      return [{ type: 'RuleFired', data: command.data }];
    case 'StartWork': {
      if (ticket.status === 'waiting_on_customer') {
        requireAssignee(ticket, actor, 'resume work on it');
        return [{ type: 'WorkResumed', data: { reason: 'agent_resumed' } }];
      }
      if (ticket.status !== 'assigned') {
        throw illegal(`Work can start only on an assigned ticket; ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]}.`);
      }
      requireAssignee(ticket, actor, 'start work on it');
      const events: TicketEvent[] = [];
      // Starting work is the clearest acknowledgement there is: record both facts.
      if (!ticket.acknowledged) events.push({ type: 'AssignmentAcknowledged', data: { agentId: actor.id, note: null } });
      events.push({ type: 'WorkStarted', data: { agentId: actor.id, note: command.data.note ?? null } });
      return events;
    }
    case 'AddComment': {
      requireNotIn(ticket, ['closed'], 'commented on (reopen it first)');
      const body = requireText(command.data.body, 'body');
      if (command.data.author === 'customer' && actor.role !== 'system' && actor.role !== 'customer') {
        throw notAllowed('Only the helpdesk itself records a reply on the customer\'s behalf.');
      }
      const author = actor.role === 'customer' || command.data.author === 'customer' ? 'customer' : 'agent';
      if (author === 'customer' && command.data.visibility === 'internal') {
        throw notAllowed('Customers cannot write internal notes.');
      }
      const { attachments, source } = command.data;
      const events: TicketEvent[] = [
        {
          type: 'CommentAdded',
          data: {
            commentId: command.data.commentId,
            body,
            visibility: command.data.visibility,
            author,
            ...(attachments?.length ? { attachments } : {}),
            ...(source ? { source } : {}),
          },
        },
      ];
      if (author === 'customer' && ticket.status === 'waiting_on_customer') {
        events.push({ type: 'WorkResumed', data: { reason: 'customer_replied' } });
      }
      return events;
    }
    case 'WaitOnCustomer': {
      if (ticket.status !== 'in_progress') {
        throw illegal(`Only a ticket in progress can wait on the customer; ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]}.`);
      }
      return [{ type: 'WaitingOnCustomer', data: { note: command.data.note ?? null } }];
    }
    case 'ResolveTicket': {
      if (ticket.status !== 'in_progress' && ticket.status !== 'waiting_on_customer') {
        throw illegal(
          `Only a ticket being worked can be resolved; ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]}` +
            (ticket.status === 'assigned' ? ' (start work first).' : '.'),
        );
      }
      const resolution = requireText(command.data.resolution, 'resolution');
      const changeableUntil = new Date(ctx.now.getTime() + (ctx.satisfactionChangeableDays ?? 7) * DAY_MS).toISOString();
      return [
        { type: 'TicketResolved', data: { resolution } },
        { type: 'SatisfactionOffered', data: { offerId: satisfactionOfferId(ticket.number, (ticket.resolutions ?? 0) + 1), changeableUntil } },
      ];
    }
    case 'ConfirmResolution': {
      requireResolved(ticket, 'confirmed');
      if (ticket.resolutionConfirmed) throw illegal(`The resolution of ticket ${ticket.number} is already confirmed.`);
      return [{ type: 'ResolutionConfirmed', data: { note: command.data.note ?? null } }];
    }
    case 'RejectResolution': {
      requireResolved(ticket, 'rejected');
      if (ticket.resolutionConfirmed) {
        throw illegal(`The resolution of ticket ${ticket.number} was already confirmed; ask to reopen it instead.`);
      }
      const reason = requireText(command.data.reason, 'reason');
      return [{ type: 'ResolutionRejected', data: { reason } }, { type: 'TicketReopened', data: { reason } }, ...voidedOffer(ticket, ctx.now)];
    }
    case 'CloseTicket': {
      if (ticket.status === 'closed') throw illegal(`Ticket ${ticket.number} is already closed.`);
      requireResolved(ticket, 'closed');
      if (ticket.resolutionConfirmed) {
        return [{ type: 'TicketClosed', data: { reason: 'confirmed', note: command.data.note ?? null } }];
      }
      const waitedDays = (ctx.now.getTime() - new Date(ticket.resolvedAt!).getTime()) / DAY_MS;
      if (waitedDays < ctx.autoCloseAfterDays) {
        throw illegal(
          `Ticket ${ticket.number} can be closed once the customer confirms the resolution, ` +
            `or after ${ctx.autoCloseAfterDays} days without an answer (${Math.floor(waitedDays)} so far).`,
        );
      }
      return [{ type: 'TicketClosed', data: { reason: 'no_customer_response', note: command.data.note ?? null } }];
    }
    case 'ReopenTicket': {
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
        throw illegal(`Only a resolved or closed ticket can be reopened; ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]}.`);
      }
      const reason = requireText(command.data.reason, 'reason');
      return [{ type: 'TicketReopened', data: { reason } }, ...voidedOffer(ticket, ctx.now)];
    }
    case 'RateSatisfaction': {
      const offer = ticket.satisfaction;
      if (!offer) throw illegal(`Ticket ${ticket.number} has not been resolved, so there is nothing to rate yet.`);
      if (command.data.offerId !== undefined && command.data.offerId !== offer.offerId) {
        throw illegal(`This rating is for an earlier resolution of ticket ${ticket.number}; the ticket has been resolved again since.`);
      }
      if (offer.voided) throw illegal(`Ticket ${ticket.number} was reopened before it was rated; it can be rated when it is resolved again.`);
      if (!isSatisfactionChangeable(offer, ctx.now)) {
        throw illegal(`The rating of ticket ${ticket.number} is final: it could be given or changed until ${offer.changeableUntil}.`);
      }
      if (!isSatisfactionScore(command.data.score)) throw invalid('score must be a whole number from 1 to 5.');
      const comment = typeof command.data.comment === 'string' ? command.data.comment.trim() : '';
      if (comment.length > SATISFACTION_COMMENT_MAX) throw invalid(`comment must be at most ${SATISFACTION_COMMENT_MAX} characters.`);
      return [{ type: 'SatisfactionRated', data: { offerId: offer.offerId, score: command.data.score, comment: comment || null, previousScore: offer.score } }];
    }
    case 'RemindAutoClose': {
      requireResolved(ticket, 'reminded of closing');
      if (ticket.resolutionConfirmed) throw illegal(`The customer has confirmed the resolution of ticket ${ticket.number}; there is nothing to remind them of.`);
      if (ticket.autoCloseReminded) throw illegal(`The customer of ticket ${ticket.number} has already been reminded.`);
      const closesAt = requireText(command.data.closesAt, 'closesAt');
      if (Number.isNaN(new Date(closesAt).getTime())) throw invalid('closesAt must be an instant.');
      return [{ type: 'AutoCloseReminded', data: { closesAt: new Date(closesAt).toISOString() } }];
    }
  }
}

function submit(data: Extract<TicketCommand, { type: 'SubmitTicket' }>['data'], state: TicketState, ctx: DecisionContext): TicketEvent[] {
  if (state) throw new TicketError('ticket_already_exists', `Ticket ${state.number} already exists.`);
  if (ctx.actor.role === 'customer' && data.customer.email.trim().toLowerCase() !== ctx.scope.email?.trim().toLowerCase()) {
    throw notAllowed('Customers submit tickets under their own email address, the one they signed in with.');
  }
  // A phone call is recorded by the agent who took it, an email by the mail channel: a customer
  // claiming either would make channel reports and the email thread lie.
  if (ctx.actor.role === 'customer' && (data.channel === 'phone' || data.channel === 'email')) {
    throw notAllowed(`Customers submit tickets through the web or the API; ${data.channel} tickets are recorded by the helpdesk.`);
  }
  const category = data.category ?? 'general';
  return [
    {
      type: 'TicketSubmitted',
      data: {
        ticketId: data.ticketId,
        number: data.number,
        subject: requireText(data.subject, 'subject'),
        description: requireText(data.description, 'description'),
        channel: data.channel,
        customer: data.customer,
        category,
        priority: initialPriority(category),
        errorMessages: data.errorMessages ?? [],
        stepsToReproduce: data.stepsToReproduce ?? null,
        impact: data.impact ?? null,
        ...(data.attachments?.length ? { attachments: data.attachments } : {}),
      },
    },
  ];
}

/** A reopen while the customer can still answer voids the offer: it belonged to a resolution that did not hold. */
function voidedOffer(ticket: Ticket, now: Date): TicketEvent[] {
  const offer = ticket.satisfaction;
  return offer && offer.score === null && isSatisfactionChangeable(offer, now) ? [{ type: 'SatisfactionOfferVoided', data: { offerId: offer.offerId } }] : [];
}

function requireText(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw invalid(`${field} must not be empty.`);
  return text;
}

/** A team's name as agents' profiles carry it: trimmed, 1-60 characters. */
function requireTeam(value: string): string {
  const team = requireText(value, 'team');
  if (team.length > 60) throw invalid('team must be at most 60 characters.');
  return team;
}

function requireAssignee(ticket: Ticket, actor: Actor, what: string): void {
  if (ticket.assigneeId !== actor.id) {
    throw notAllowed(`Ticket ${ticket.number} is assigned to ${ticket.assigneeId ?? 'nobody'}; only the assignee can ${what}.`);
  }
}

function requireNotIn(ticket: Ticket, statuses: TicketStatus[], verb: string): void {
  if (statuses.includes(ticket.status)) {
    throw illegal(`Ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]} and cannot be ${verb}.`);
  }
}

function requireResolved(ticket: Ticket, verb: string): void {
  if (ticket.status !== 'resolved') {
    throw illegal(`Only a resolved ticket can be ${verb}; ticket ${ticket.number} is ${STATUS_WORDS[ticket.status]}.`);
  }
}
