import { Actor } from '@helpdesk/ticketing';
import { MailCommand } from './mail-commands';
import { MailError } from './mail-error';
import { MailEvent } from './mail-events';
import { isUndecided, Mail, MailState } from './mail-state';

/** Who may move a message to another ticket: staff who oversee the queues. */
export const RETHREADERS: readonly Actor['role'][] = ['supervisor', 'admin'];

/**
 * The mail decider. Each message is received once: a second ReceiveMail decides nothing (the
 * stream's first append is made with expected revision "no stream", so of two concurrent
 * receipts one loses and finds the other's record). One decision follows (ignored, bounced,
 * threaded, held); staff may later rethread it, which is a new event, never an edit.
 */
export function decideMail(command: MailCommand, state: MailState, actor: Actor): MailEvent[] {
  if (command.type === 'ReceiveMail') {
    if (state) return [];
    requireSystem(actor);
    return [{ type: 'MailReceived', data: command.data }];
  }
  if (!state) throw new MailError('mail_not_found', 'No such message has been received.');
  const mail = state;

  if (command.type === 'RethreadMail') {
    if (!RETHREADERS.includes(actor.role)) throw new MailError('not_allowed', 'Moving a message to another ticket is for supervisors and admins.');
    if (mail.status !== 'held' && mail.status !== 'threaded') {
      throw new MailError('illegal_transition', `Only a message that was held or threaded can be moved to a ticket; this one is ${mail.status}.`);
    }
    if (mail.status === 'threaded' && mail.ticketId === command.data.ticketId) {
      throw new MailError('illegal_transition', 'The message is already on that ticket.');
    }
    return [
      {
        type: 'MailRethreaded',
        data: {
          ticketId: command.data.ticketId,
          commentId: command.data.commentId,
          previousTicketId: mail.status === 'threaded' ? mail.ticketId : null,
          asCustomer: command.data.asCustomer,
          reason: command.data.reason?.trim() || null,
        },
      },
    ];
  }

  requireSystem(actor);
  if (command.type === 'MarkUnparseable') {
    if (mail.status === 'unparseable') return [];
    requireUndecided(mail);
    return [{ type: 'MailUnparseable', data: { error: command.data.error.slice(0, 2000) } }];
  }
  if (command.type === 'HoldMail' && command.data.reason === 'ticket_refused') {
    // What was decided could not be done: the message goes to staff instead of being lost.
    if (mail.status === 'held') return [];
    if (mail.status !== 'threaded') throw new MailError('illegal_transition', `Only a threaded message can be refused by its ticket; this one is ${mail.status}.`);
    return [{ type: 'MailHeld', data: command.data }];
  }
  requireUndecided(mail);
  switch (command.type) {
    case 'IgnoreMail':
      return [{ type: 'MailIgnored', data: command.data }];
    case 'RecordBounce':
      return [{ type: 'MailBounced', data: { mailId: mail.mailId, ...command.data } }];
    case 'ThreadMail': {
      const d = command.data;
      if ((d.how === 'new_ticket') !== (d.commentId === null)) {
        throw new MailError('invalid_command', 'A reply names the comment it becomes; a new ticket has none.');
      }
      return [{ type: 'MailThreaded', data: { how: d.how, ticketId: d.ticketId, commentId: d.commentId, reason: d.reason ?? null, followUpOf: d.followUpOf ?? null } }];
    }
    case 'HoldMail':
      return [{ type: 'MailHeld', data: command.data }];
  }
}

function requireSystem(actor: Actor): void {
  if (actor.role !== 'system') throw new MailError('not_allowed', 'Only the helpdesk’s mail channel records what became of a message.');
}

function requireUndecided(mail: Mail): void {
  if (!isUndecided(mail)) throw new MailError('illegal_transition', `The message was already decided: it is ${mail.status}.`);
}
