import { MailEvent } from './mail-events';
import { MailState } from './mail-state';

/** Folds one event into the state. Pure. */
export function evolveMail(state: MailState, event: MailEvent): MailState {
  if (event.type === 'MailReceived') {
    const d = event.data;
    return { mailId: d.mailId, status: 'received', from: d.from, received: d, ticketId: null, commentId: null, startedTicket: false, rethreads: 0 };
  }
  if (!state) return state;
  switch (event.type) {
    case 'MailUnparseable':
      return { ...state, status: 'unparseable' };
    case 'MailIgnored':
      return { ...state, status: 'ignored' };
    case 'MailBounced':
      return { ...state, status: 'bounced' };
    case 'MailThreaded':
      return { ...state, status: 'threaded', ticketId: event.data.ticketId, commentId: event.data.commentId, startedTicket: event.data.how === 'new_ticket' };
    case 'MailHeld':
      return { ...state, status: 'held', ticketId: event.data.ticketId };
    case 'MailRethreaded':
      return { ...state, status: 'threaded', ticketId: event.data.ticketId, commentId: event.data.commentId, rethreads: state.rethreads + 1 };
    default:
      return state;
  }
}

export function foldMail(events: MailEvent[], state: MailState = null): MailState {
  return events.reduce(evolveMail, state);
}
