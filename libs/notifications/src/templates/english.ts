import { NotificationRequestedData } from '../notification-events';
import { formatInstant, links, ltr, p, quote, Template, TemplateExtras } from './message-blocks';

const TARGETS: Record<string, string> = { first_response: 'first response', resolution: 'resolution' };

/** The English templates, one per kind. */
const SCORE_WORDS = ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];

/** The rating paragraph of a resolution mail: five links, one per score; opening one only opens the rating page. */
export const ratingBlocks = (ratingLinks: string[] | undefined, intro: string, words: string[]) =>
  ratingLinks?.length === 5 ? [p(intro), links(ratingLinks.map((href, i) => ({ label: `${i + 1} – ${words[i]}`, href })))] : [];

export function englishTemplate(n: NotificationRequestedData, extras: TemplateExtras = {}): Template {
  const v = n.vars;
  const number = ltr(n.ticketNumber);
  const hello = p(`Dear ${v.recipientName},`);
  switch (n.kind) {
    case 'acknowledgement':
      return {
        title: `We have received your request: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('Thank you for contacting us. We have received your request “', v.ticketSubject, '” and given it the number ', number, '.'),
          p('Our team will answer as soon as it can. To add anything, reply to this email and keep ', number, ' in the subject.'),
        ],
      };
    case 'agent_reply':
      return {
        title: `New reply to your request: ${v.ticketSubject}`,
        blocks: [hello, p('Our support team has replied to your request ', number, ':'), quote(v.body ?? ''), p('To answer, reply to this email.')],
      };
    case 'waiting_on_customer':
      return {
        title: `We are waiting for your reply: ${v.ticketSubject}`,
        blocks: [hello, p('To go on with your request ', number, ' we need an answer from you. Please reply to this email to answer our last message.')],
      };
    case 'resolved':
      return {
        title: `Resolved, please confirm: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('We have resolved your request ', number, ':'),
          quote(v.resolution ?? ''),
          p('Please confirm that this solves your problem, or reply to this email if it does not. Without an answer the request will be closed.'),
          ...ratingBlocks(extras.ratingLinks, 'How did we do? Choose a rating (it opens a page where you can add a comment and send it):', SCORE_WORDS),
        ],
      };
    case 'auto_close_reminder':
      return {
        title: `Closing soon without your answer: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('We resolved your request ', number, ' and have not heard from you since.'),
          p(`Unless you reply, it will be closed on ${formatInstant(v.closesAt ?? '', n.timeZone, 'en-PK')}. If the problem is not solved, reply to this email and we will carry on.`),
        ],
      };
    case 'closed':
      return {
        title: `Closed: ${v.ticketSubject}`,
        blocks: [
          hello,
          p(
            'Your request ',
            number,
            v.closeReason === 'no_customer_response' ? ' is now closed, as we did not hear back from you.' : ' is now closed, as you confirmed the solution.',
          ),
          p('If the problem comes back, write to us again and quote ', number, '.'),
        ],
      };
    case 'assigned':
      return {
        title: `Assigned to you: ${v.ticketSubject}`,
        blocks: [
          hello,
          p('Ticket ', number, ` from ${v.customerName} has been assigned to you${v.priority ? ` (priority ${v.priority})` : ''}.`),
          ...(v.assignmentReason ? [p('Why you:'), quote(v.assignmentReason)] : []),
          p('Please acknowledge it in the helpdesk.'),
        ],
      };
    case 'sla_warning':
      return {
        title: `SLA warning, ${TARGETS[v.slaTarget ?? ''] ?? v.slaTarget}: ${v.ticketSubject}`,
        blocks: [
          hello,
          p(
            `The ${TARGETS[v.slaTarget ?? ''] ?? v.slaTarget} target of ticket `,
            number,
            ` falls due at ${formatInstant(v.dueAt ?? '', n.timeZone, 'en-PK')}: ${v.elapsedBusinessMinutes} of ${v.targetBusinessMinutes} business minutes are used.`,
          ),
        ],
      };
    case 'rule_notice':
      return {
        title: v.noticeSubject || v.ticketSubject,
        blocks: [
          ...(v.recipientName ? [hello] : []),
          p(`The automation rule “${v.ruleName ?? ''}” sends you this about ticket `, number, ' “', v.ticketSubject, '”:'),
          quote(v.body ?? ''),
          p('The rule wrote this message, not a person.'),
        ],
      };
    case 'email_verification': {
      const until = formatInstant(v.expiresAt ?? '', n.timeZone, 'en-PK');
      const forTicket = v.verificationPurpose === 'submit_ticket';
      return {
        title: forTicket ? `Please confirm your request: ${v.ticketSubject}` : 'Your sign-in link and code',
        blocks: [
          ...(v.recipientName ? [hello] : []),
          forTicket
            ? p('To send us your request “', v.ticketSubject, '”, confirm that this address is yours by opening this link:')
            : p('To sign in to the helpdesk, open this link:'),
          p(ltr(v.link ?? '')),
          p('Or enter this code: ', ltr(v.code ?? '')),
          p(`The link and the code work once, until ${until}. If you did not ask for this, ignore this email: nothing happens without it.`),
        ],
      };
    }
  }
}
