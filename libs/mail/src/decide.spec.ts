import { Actor } from '@helpdesk/ticketing';
import { MailEvent, MailReceivedData } from './mail-events';
import { NO_AUTH_RESULTS } from './mail-auth';
import { given } from './testing/mail-spec';

const supervisor: Actor = { id: 'sup-1', role: 'supervisor' };
const agent: Actor = { id: 'agent-ali', role: 'agent' };

const receivedData: MailReceivedData = {
  mailId: 'm0123456789abcdef0123456789abcdef',
  messageId: '<CAF1@mail.gmail.com>',
  contentSha256: 'a'.repeat(64),
  rawBlobSha256: 'b'.repeat(64),
  size: 1200,
  from: { name: 'Ayesha Khan', address: 'ayesha@example.pk' },
  to: [{ name: '', address: 'support@helpdesk.test' }],
  cc: [],
  subject: 'Cannot sign in',
  date: '2026-01-05T04:00:00.000Z',
  inReplyTo: [],
  references: [],
  transport: 'smtp',
  envelopeFrom: 'ayesha@example.pk',
  envelopeTo: ['support@helpdesk.test'],
  remoteAddress: '127.0.0.1',
  auth: NO_AUTH_RESULTS,
  attachments: [],
  skippedAttachments: [],
  truncated: false,
};
const received: MailEvent = { type: 'MailReceived', data: receivedData };
const threadedAsReply: MailEvent = { type: 'MailThreaded', data: { how: 'references', ticketId: 't1', commentId: 'c1', reason: null, followUpOf: null } };
const held: MailEvent = { type: 'MailHeld', data: { reason: 'sender_not_customer', ticketId: 't1', detail: 'from bilal@example.pk, the ticket is ayesha@example.pk’s' } };

describe('ReceiveMail', () => {
  it('records a message the first time', () => {
    given().when({ type: 'ReceiveMail', data: receivedData }).then([received]);
  });
  it('records nothing for a message already received (each message is ingested once)', () => {
    given(received).when({ type: 'ReceiveMail', data: { ...receivedData, transport: 'imap' } }).then([]);
    given(received, threadedAsReply).when({ type: 'ReceiveMail', data: receivedData }).then([]);
  });
  it('is the mail channel’s alone', () => {
    given().when({ type: 'ReceiveMail', data: receivedData }, agent).thenFails('not_allowed');
  });
});

describe('the decision', () => {
  it('records a reply threaded by reference, with the comment it became', () => {
    given(received).when({ type: 'ThreadMail', data: { how: 'references', ticketId: 't1', commentId: 'c1' } }).then([threadedAsReply]);
  });
  it('records a new ticket and why', () => {
    given(received)
      .when({ type: 'ThreadMail', data: { how: 'new_ticket', ticketId: 't2', commentId: null, reason: 'ticket_closed', followUpOf: 't1' } })
      .then([{ type: 'MailThreaded', data: { how: 'new_ticket', ticketId: 't2', commentId: null, reason: 'ticket_closed', followUpOf: 't1' } }]);
  });
  it('refuses a reply without its comment, and a new ticket with one', () => {
    given(received).when({ type: 'ThreadMail', data: { how: 'references', ticketId: 't1', commentId: null } }).thenFails('invalid_command');
    given(received).when({ type: 'ThreadMail', data: { how: 'new_ticket', ticketId: 't1', commentId: 'c1' } }).thenFails('invalid_command');
  });
  it('holds a message for staff', () => {
    given(received).when({ type: 'HoldMail', data: held.data as Extract<MailEvent, { type: 'MailHeld' }>['data'] }).then([held]);
  });
  it('ignores an auto-reply', () => {
    given(received)
      .when({ type: 'IgnoreMail', data: { reason: 'auto_reply', detail: 'Auto-Submitted: auto-replied' } })
      .then([{ type: 'MailIgnored', data: { reason: 'auto_reply', detail: 'Auto-Submitted: auto-replied' } }]);
  });
  it('records a bounce with the notifications it answers, on the outbox’s contract', () => {
    given(received)
      .when({ type: 'RecordBounce', data: { notificationIds: ['n1'], ticketIds: ['t1'], recipient: 'gone@example.pk', status: '5.1.1', diagnostic: '550 5.1.1 unknown user' } })
      .then([
        {
          type: 'MailBounced',
          data: { mailId: receivedData.mailId, notificationIds: ['n1'], ticketIds: ['t1'], recipient: 'gone@example.pk', status: '5.1.1', diagnostic: '550 5.1.1 unknown user' },
        },
      ]);
  });
  it('decides once: a second decision is refused', () => {
    given(received, threadedAsReply).when({ type: 'HoldMail', data: { reason: 'no_sender', ticketId: null, detail: '' } }).thenFails('illegal_transition', /already decided/);
  });
  it('holds a threaded message its ticket refused, so staff see it', () => {
    const refused = { reason: 'ticket_refused' as const, ticketId: 't1', detail: 'Ticket HD-000001 is closed' };
    given(received, threadedAsReply).when({ type: 'HoldMail', data: refused }).then([{ type: 'MailHeld', data: refused }]);
    given(received, threadedAsReply, { type: 'MailHeld', data: refused }).when({ type: 'HoldMail', data: refused }).then([]);
    given(received).when({ type: 'HoldMail', data: refused }).thenFails('illegal_transition');
  });
  it('refuses a decision on a message never received', () => {
    given().when({ type: 'IgnoreMail', data: { reason: 'empty', detail: '' } }).thenFails('mail_not_found');
  });
  it('records an unparseable message once, and decides it when a fixed parser re-ingests it', () => {
    const unparseable: MailEvent = { type: 'MailUnparseable', data: { error: 'bad MIME' } };
    given(received).when({ type: 'MarkUnparseable', data: { error: 'bad MIME' } }).then([unparseable]);
    given(received, unparseable).when({ type: 'MarkUnparseable', data: { error: 'bad MIME' } }).then([]);
    given(received, unparseable).when({ type: 'ThreadMail', data: { how: 'new_ticket', ticketId: 't3', commentId: null } }).then([
      { type: 'MailThreaded', data: { how: 'new_ticket', ticketId: 't3', commentId: null, reason: null, followUpOf: null } },
    ]);
  });
  it('is not for people: staff cannot record a decision', () => {
    given(received).when({ type: 'IgnoreMail', data: { reason: 'bulk', detail: '' } }, supervisor).thenFails('not_allowed');
  });
});

describe('RethreadMail', () => {
  it('moves a held message to a ticket, as an event an auditor can read', () => {
    given(received, held)
      .when({ type: 'RethreadMail', data: { ticketId: 't1', commentId: 'c9', asCustomer: false, reason: 'Her colleague, same company' } }, supervisor)
      .then([{ type: 'MailRethreaded', data: { ticketId: 't1', commentId: 'c9', previousTicketId: null, asCustomer: false, reason: 'Her colleague, same company' } }]);
  });
  it('corrects a mis-thread, naming the ticket it leaves', () => {
    given(received, threadedAsReply)
      .when({ type: 'RethreadMail', data: { ticketId: 't7', commentId: 'c8', asCustomer: true } }, supervisor)
      .then([{ type: 'MailRethreaded', data: { ticketId: 't7', commentId: 'c8', previousTicketId: 't1', asCustomer: true, reason: null } }]);
  });
  it('refuses agents', () => {
    given(received, held).when({ type: 'RethreadMail', data: { ticketId: 't1', commentId: 'c9', asCustomer: false } }, agent).thenFails('not_allowed');
  });
  it('refuses ignored mail and the ticket it is already on', () => {
    given(received, { type: 'MailIgnored', data: { reason: 'auto_reply', detail: '' } })
      .when({ type: 'RethreadMail', data: { ticketId: 't1', commentId: 'c9', asCustomer: false } }, supervisor)
      .thenFails('illegal_transition', /ignored/);
    given(received, threadedAsReply)
      .when({ type: 'RethreadMail', data: { ticketId: 't1', commentId: 'c9', asCustomer: true } }, supervisor)
      .thenFails('illegal_transition', /already on that ticket/);
  });
});
