import { bounceDetails, deliveryStatusFields } from './bounce';
import { classifyMail } from './classify';
import { InboundMail } from './inbound-mail';
import { guessLanguage } from './language';
import { contentSha256, mailIdFor } from './mail-id';
import { threadMessageId } from './message-id';
import { replyText } from './reply-text';
import { decideThreading, referencedTicketIds, subjectTicketNumber, TicketFacts, ThreadingFacts } from './threading';

const KEY = 'k'.repeat(32);
const ours = threadMessageId({ ticketId: 't1', notificationId: 'n1' }, KEY, 'helpdesk.test');
const ctx = { ourAddresses: ['support@helpdesk.test'], threadKey: KEY };

const mail = (over: Partial<InboundMail> = {}): InboundMail => ({
  messageId: '<CAF1@mail.gmail.com>',
  from: { name: 'Ayesha Khan', address: 'ayesha@example.pk' },
  to: [{ name: '', address: 'support@helpdesk.test' }],
  cc: [],
  subject: 'Cannot sign in',
  inReplyTo: [],
  references: [],
  headers: {},
  contentType: 'text/plain; charset=utf-8',
  text: 'My password is rejected.',
  reportParts: [],
  attachmentCount: 0,
  ...over,
});

describe('classifyMail', () => {
  it('delivers a person’s message', () => {
    expect(classifyMail(mail(), ctx)).toEqual({ kind: 'deliverable' });
  });
  it.each([
    [{ 'auto-submitted': ['auto-replied'] }, 'auto_reply', /Auto-Submitted/],
    [{ 'auto-submitted': ['auto-generated; owner-email="x@y"'] }, 'auto_reply', /auto-generated/],
    [{ 'x-auto-response-suppress': ['All'] }, 'auto_reply', /X-Auto-Response-Suppress: All/],
    [{ 'x-autoreply': ['yes'] }, 'auto_reply', /X-Autoreply/],
    [{ 'x-loop': ['someone@lists.example'] }, 'loop', /X-Loop/],
    [{ 'x-loop': ['support@helpdesk.test'] }, 'loop', /X-Loop/],
    [{ precedence: ['bulk'] }, 'bulk', /bulk/],
    [{ precedence: ['junk'] }, 'bulk', /junk/],
    [{ precedence: ['list'] }, 'mailing_list', /list/],
    [{ precedence: ['auto_reply'] }, 'auto_reply', /auto_reply/],
    [{ 'list-id': ['<dev.lists.example.org>'] }, 'mailing_list', /List-Id/],
  ])('ignores %j as %s', (headers, reason, detail) => {
    const result = classifyMail(mail({ headers }), ctx);
    expect(result).toMatchObject({ kind: 'ignore', reason });
    expect((result as { detail: string }).detail).toMatch(detail);
  });
  it('delivers Auto-Submitted: no (a person pressed send)', () => {
    expect(classifyMail(mail({ headers: { 'auto-submitted': ['no'] } }), ctx)).toEqual({ kind: 'deliverable' });
  });
  it('knows an out-of-office by its subject when it carries no header', () => {
    expect(classifyMail(mail({ subject: 'Automatic reply: Cannot sign in' }), ctx)).toMatchObject({ kind: 'ignore', reason: 'auto_reply' });
    expect(classifyMail(mail({ subject: 'Out of Office: back Monday' }), ctx)).toMatchObject({ kind: 'ignore', reason: 'auto_reply' });
  });
  it('calls a DSN, the mailer daemon, the postmaster and the null sender bounces', () => {
    expect(classifyMail(mail({ contentType: 'multipart/report; report-type=delivery-status; boundary="x"' }), ctx).kind).toBe('bounce');
    expect(classifyMail(mail({ from: { name: 'Mail Delivery Subsystem', address: 'mailer-daemon@googlemail.com' } }), ctx).kind).toBe('bounce');
    expect(classifyMail(mail({ from: { name: '', address: 'postmaster@outlook.com' } }), ctx).kind).toBe('bounce');
    expect(classifyMail(mail({ envelopeFrom: '' }), ctx).kind).toBe('bounce');
  });
  it('an auto-reply with the null sender is an auto-reply, not a bounce', () => {
    expect(classifyMail(mail({ envelopeFrom: '', headers: { 'auto-submitted': ['auto-replied'] } }), ctx)).toMatchObject({ kind: 'ignore', reason: 'auto_reply' });
  });
  it('stops loops: our own Message-ID or our own address coming back', () => {
    expect(classifyMail(mail({ messageId: ours }), ctx)).toMatchObject({ kind: 'ignore', reason: 'loop' });
    expect(classifyMail(mail({ from: { name: 'Helpdesk', address: 'support@helpdesk.test' } }), ctx)).toMatchObject({ kind: 'ignore', reason: 'loop' });
  });
  it('ignores a message with nothing in it', () => {
    expect(classifyMail(mail({ subject: '', text: ' \n ' }), ctx)).toMatchObject({ kind: 'ignore', reason: 'empty' });
    expect(classifyMail(mail({ subject: '', text: '', attachmentCount: 1 }), ctx)).toEqual({ kind: 'deliverable' });
  });
});

describe('bounceDetails', () => {
  const dsn = ['Reporting-MTA: dns; mx.example.pk', '', 'Final-Recipient: rfc822; gone@example.pk', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.pk>:', '  Recipient address rejected'].join('\r\n');
  it('reads the recipient, status and diagnostic of a DSN, and our notification in the returned headers', () => {
    const result = bounceDetails(mail({ reportParts: [dsn, `Message-ID: ${ours}\r\nSubject: [HD-000001]`] }), KEY);
    expect(result).toEqual({
      notificationIds: ['n1'],
      ticketIds: ['t1'],
      recipient: 'gone@example.pk',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <gone@example.pk>: Recipient address rejected',
    });
  });
  it('ignores Message-IDs whose MAC does not verify', () => {
    const forged = ours.replace(/\.([A-Za-z0-9_-]{22})@/, '.AAAAAAAAAAAAAAAAAAAAAA@');
    expect(bounceDetails(mail({ text: `Your message ${forged} bounced` }), KEY).notificationIds).toEqual([]);
  });
  it('falls back to the text when there is no delivery-status part', () => {
    const result = bounceDetails(mail({ text: 'Delivery failed.\n550 5.7.1 Message rejected as spam\n', references: [ours], headers: { 'x-failed-recipients': ['Gone@Example.pk'] } }), KEY);
    expect(result).toMatchObject({ notificationIds: ['n1'], recipient: 'gone@example.pk', status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam' });
  });
  it('reads Original-Recipient when there is no Final-Recipient', () => {
    expect(deliveryStatusFields('Original-Recipient: rfc822;x@y.pk\nStatus: 4.4.7')).toEqual({ recipient: 'x@y.pk', status: '4.4.7', diagnostic: null });
  });
});

describe('threading', () => {
  const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({ ticketId: 't1', number: 'HD-000001', customerEmail: 'ayesha@example.pk', status: 'in_progress', ...over });
  const facts = (over: Partial<ThreadingFacts> = {}): ThreadingFacts => ({ from: { name: 'A', address: 'ayesha@example.pk' }, referenced: null, numberInSubject: null, numbered: null, dmarc: 'none', ...over });

  it('finds our Message-IDs, newest first, and ignores foreign ones', () => {
    const second = threadMessageId({ ticketId: 't2', notificationId: 'n2' }, KEY, 'helpdesk.test');
    expect(referencedTicketIds({ inReplyTo: [second], references: ['<x@gmail.com>', ours, second] }, KEY)).toEqual(['t2', 't1']);
    expect(referencedTicketIds({ inReplyTo: ['<x@gmail.com>'], references: [] }, KEY)).toEqual([]);
  });
  it('reads [HD-000123] from a subject, however it is spaced or cased', () => {
    expect(subjectTicketNumber('Re: [HD-000123] Cannot sign in')).toBe('HD-000123');
    expect(subjectTicketNumber('RE: [ hd-0001234 ]')).toBe('HD-0001234');
    expect(subjectTicketNumber('HD-000123 without brackets')).toBeNull();
  });
  it('threads by reference when the sender is the customer', () => {
    expect(decideThreading(facts({ referenced: ticket() }))).toEqual({ kind: 'comment', how: 'references', ticketId: 't1', number: 'HD-000001' });
  });
  it('threads by number only when the sender is that ticket’s customer', () => {
    expect(decideThreading(facts({ numberInSubject: 'HD-000001', numbered: ticket() }))).toEqual({ kind: 'comment', how: 'number_and_sender', ticketId: 't1', number: 'HD-000001' });
    expect(decideThreading(facts({ from: { name: 'B', address: 'bilal@example.pk' }, numberInSubject: 'HD-000001', numbered: ticket() }))).toEqual({ kind: 'hold', reason: 'sender_not_customer', ticketId: 't1' });
  });
  it('holds a reply by reference from someone else (a forwarded thread, a spoof)', () => {
    expect(decideThreading(facts({ from: { name: 'B', address: 'bilal@example.pk' }, referenced: ticket() }))).toEqual({ kind: 'hold', reason: 'sender_not_customer', ticketId: 't1' });
  });
  it('compares addresses without regard to case', () => {
    expect(decideThreading(facts({ from: { name: 'A', address: 'Ayesha@Example.PK' }, referenced: ticket() })).kind).toBe('comment');
  });
  it('starts a new ticket for no reference, a number that does not exist, and a closed ticket', () => {
    expect(decideThreading(facts())).toEqual({ kind: 'new_ticket', reason: 'no_reference', followUpOf: null });
    expect(decideThreading(facts({ numberInSubject: 'HD-999999' }))).toEqual({ kind: 'new_ticket', reason: 'unknown_number', followUpOf: null });
    expect(decideThreading(facts({ referenced: ticket({ status: 'closed' }) }))).toEqual({ kind: 'new_ticket', reason: 'ticket_closed', followUpOf: 't1' });
  });
  it('holds mail without a sender, and mail that fails DMARC', () => {
    expect(decideThreading(facts({ from: null }))).toEqual({ kind: 'hold', reason: 'no_sender', ticketId: null });
    expect(decideThreading(facts({ referenced: ticket(), dmarc: 'fail' }))).toEqual({ kind: 'hold', reason: 'dmarc_fail', ticketId: 't1' });
    expect(decideThreading(facts({ dmarc: 'fail' }))).toEqual({ kind: 'hold', reason: 'dmarc_fail', ticketId: null });
  });
  it('prefers the reference to the subject', () => {
    expect(decideThreading(facts({ referenced: ticket(), numberInSubject: 'HD-000002', numbered: ticket({ ticketId: 't2', number: 'HD-000002' }) }))).toMatchObject({ ticketId: 't1', how: 'references' });
  });
});

describe('replyText', () => {
  it.each([
    ['Gmail', 'Thanks, it works now.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Helpdesk <support@helpdesk.test>\nwrote:\n> Your password was reset.\n> -- \n> Helpdesk'],
    ['Apple Mail', 'Thanks, it works now.\n\nOn 5 Jan 2026, at 10:00, Helpdesk <support@helpdesk.test> wrote:\n\n> Your password was reset.'],
    ['Outlook', 'Thanks, it works now.\n\n________________________________\nFrom: Helpdesk <support@helpdesk.test>\nSent: Monday, January 5, 2026 10:00 AM\nTo: Ayesha\nSubject: [HD-000001]\n\nYour password was reset.'],
    ['Outlook (bold)', 'Thanks, it works now.\n\n*From:* Helpdesk <support@helpdesk.test>\n*Sent:* Monday, January 5, 2026 10:00 AM\n\nYour password was reset.'],
    ['Outlook classic', 'Thanks, it works now.\n\n-----Original Message-----\nFrom: Helpdesk\nSent: Monday\n\nYour password was reset.'],
    ['a signature', 'Thanks, it works now.\n\n-- \nAyesha Khan\nVisa Desk, Lahore'],
    ['a mobile footer', 'Thanks, it works now.\n\nSent from my iPhone'],
    ['quoted lines', 'Thanks, it works now.\n> Your password was reset.\n> Regards'],
  ])('strips the history and signature of %s', (_, text) => {
    expect(replyText(text)).toEqual({ text: 'Thanks, it works now.', stripped: true });
  });
  it('strips Urdu attributions and footers', () => {
    expect(replyText('شکریہ، اب ٹھیک ہے۔\n\nبروز پیر، 5 جنوری، 2026 کو 10:00 AM Helpdesk <support@helpdesk.test> نے لکھا:\n> آپ کا پاس ورڈ بدل دیا گیا').text).toBe('شکریہ، اب ٹھیک ہے۔');
    expect(replyText('شکریہ\n\nمیرے آئی فون سے بھیجا گیا').text).toBe('شکریہ');
    expect(replyText('شکریہ\n\nاز: Helpdesk\nبھیجا گیا: پیر\n\nپرانا پیغام').text).toBe('شکریہ');
  });
  it('keeps inline answers between quotes', () => {
    expect(replyText('> Which browser?\nFirefox 120\n> Which page?\nThe sign-in page').text).toBe('Firefox 120\nThe sign-in page');
  });
  it('keeps a message that is all quote (the original is better than nothing)', () => {
    expect(replyText('> only a quote')).toEqual({ text: '> only a quote', stripped: false });
  });
  it('leaves a plain message alone', () => {
    expect(replyText('On second thought, the error is E401.\nIt happens on Mondays.')).toEqual({ text: 'On second thought, the error is E401.\nIt happens on Mondays.', stripped: false });
  });
});

describe('guessLanguage', () => {
  it('answers Urdu to Arabic-script text, English otherwise', () => {
    expect(guessLanguage('میرا پاس ورڈ کام نہیں کر رہا')).toBe('ur');
    expect(guessLanguage('Password not working. شکریہ')).toBe('en');
    expect(guessLanguage('Mera password kaam nahi kar raha')).toBe('en');
    expect(guessLanguage('')).toBe('en');
  });
});

describe('mail ids', () => {
  it('names a message by its Message-ID, brackets and domain case aside', () => {
    expect(mailIdFor('<Abc@Mail.Example>', 'f'.repeat(64))).toBe(mailIdFor('Abc@mail.example', '0'.repeat(64)));
    expect(mailIdFor('<Abc@mail.example>', 'f'.repeat(64))).not.toBe(mailIdFor('<abc@mail.example>', 'f'.repeat(64)));
    expect(mailIdFor('<Abc@mail.example>', 'f'.repeat(64))).toMatch(/^m[0-9a-f]{32}$/);
  });
  it('names a message without one by its content, trace headers aside', () => {
    const a = Buffer.from('Received: from a\r\nFrom: x@y.pk\r\nSubject: hi\r\n\r\nbody');
    const b = Buffer.from('Received: from b\r\n by c\r\nReturn-Path: <x@y.pk>\r\nFrom: x@y.pk\r\nSubject: hi\r\n\r\nbody');
    expect(contentSha256(a)).toBe(contentSha256(b));
    expect(contentSha256(a)).not.toBe(contentSha256(Buffer.from('From: x@y.pk\r\nSubject: hi\r\n\r\nbody!')));
    expect(mailIdFor(null, contentSha256(a))).toMatch(/^c[0-9a-f]{32}$/);
  });
});
