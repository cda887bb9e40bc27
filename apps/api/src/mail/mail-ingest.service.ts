import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CommandEnvelope, CommandResult, submissionTicketId, TicketCommandRunner } from '@helpdesk/application';
import { BlobInfo, BlobStore } from '@helpdesk/blob-store';
import { StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
import {
  bounceDetails,
  classifyMail,
  contentSha256,
  decideThreading,
  foldMail,
  guessLanguage,
  isUndecided,
  Mail,
  MailCommand,
  MailError,
  MailEvent,
  mailIdFor,
  MailReceivedData,
  NO_AUTH_RESULTS,
  outcomeAfter,
  referencedTicketIds,
  replyText,
  SkippedAttachment,
  subjectTicketNumber,
  TicketFacts,
} from '@helpdesk/mail';
import { Clock } from '@helpdesk/shared';
import { Actor, AttachmentRef, DEFAULT_TIME_ZONE, TicketError } from '@helpdesk/ticketing';
import { EventStore } from '@helpdesk/event-store';
import { authenticateMessage } from './authenticate-message';
import { LoadedMail, MailCommandRunner, toMailEvent } from './mail-command-runner';
import { MailIngest, MailIngestOutcome, MailReceipt } from './mail-ingest.port';
import { ParsedMessage, parseMessage, ParseResult } from './parse-message';
import { TicketFactsReader } from './ticket-facts';

/** The helpdesk's mail channel, as the actor of what mail does to tickets. */
export const MAIL_ACTOR: Actor = { id: 'mail', role: 'system' };
const MAIL_SCOPE = { teams: [] as string[] };
// Attachment ids derived from (mail, part): a retried ingest names the same attachments.
const ATTACHMENT_NAMESPACE = '0c8f7b1e-6a43-4b5e-9d2f-3e1a7c9b5d40';
const MAX_ATTEMPTS = 8;

export interface MailIngestOptions {
  /** The helpdesk's own addresses (MAIL_FROM, SUPPORT_ADDRESSES): mail from them is a loop. */
  ourAddresses: string[];
  threadKey: string;
  attachmentMaxBytes: number;
  textMaxChars: number;
  dnsTimeoutMs: number;
}

export interface RethreadResult {
  mailId: string;
  ticketId: string;
  number: string;
  commentId: string;
  asCustomer: boolean;
  revision: number;
  position: string;
}

/**
 * The inbound pipeline: keep the raw bytes (content-addressed) before anything else, parse,
 * record the receipt on `mail-<id>` (once: expected revision "no stream"), classify, decide the
 * threading and record the decision, then act on the ticket through the ordinary ticket
 * commands as the `system`, with an idempotency key per message. Each step is recorded before
 * the next starts, so ingesting the same message again finishes what a crash left half-done
 * and never does anything twice.
 */
export class MailIngestService implements MailIngest {
  private readonly mails: MailCommandRunner;

  constructor(
    store: EventStore,
    private readonly blobs: BlobStore,
    private readonly tickets: TicketCommandRunner,
    private readonly facts: TicketFactsReader,
    clock: Clock,
    private readonly options: MailIngestOptions,
  ) {
    this.mails = new MailCommandRunner(store, clock);
  }

  async ingest(raw: Buffer, receipt: MailReceipt): Promise<MailIngestOutcome> {
    const blob = await this.blobs.put(raw);
    const parsed = await parseMessage(raw, { textMaxChars: this.options.textMaxChars });
    const contentHash = contentSha256(raw);
    const mailId = mailIdFor(parsed.ok ? parsed.message.mail.messageId : parsed.messageId, contentHash);
    let changed = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        const loaded = await this.mails.load(mailId);
        if (await this.advance(loaded, { raw, blob, contentHash, parsed, receipt })) {
          changed = true;
          continue;
        }
        const acted = parsed.ok ? await this.finish(loaded, parsed.message) : false;
        if (acted === 'refused') {
          changed = true;
          continue;
        }
        const state = loaded.state!;
        const outcome = !changed && !acted ? 'duplicate' : outcomeAfter(toMailEvent(loaded.events[loaded.events.length - 1]));
        return { mailId, outcome, ...(state.ticketId ? { ticketId: state.ticketId } : {}) };
      } catch (error) {
        // Another ingest of the same message wrote first: look again at what it recorded.
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new Error(`Message ${mailId} kept changing under ${MAX_ATTEMPTS} attempts to ingest it.`);
  }

  /** Staff move a held or mis-threaded message to a ticket: an event, then the comment it becomes. */
  async rethread(mailId: string, target: string, reason: string | undefined, actor: Actor, correlationId: string): Promise<RethreadResult> {
    const loaded = await this.mails.load(mailId);
    if (!loaded.state) throw new MailError('mail_not_found', `No message ${mailId} has been received.`);
    const ticket = await this.facts.find(target);
    if (!ticket) throw new TicketError('ticket_not_found', `Ticket ${target.slice(0, 80)} does not exist.`);
    if (ticket.status === 'closed') throw new MailError('illegal_transition', `Ticket ${ticket.number} is closed; reopen it first.`);
    const asCustomer = loaded.state.from?.address === ticket.customerEmail;
    const commentId = randomUUID();
    const appended = await this.mails.execute(loaded, [{ type: 'RethreadMail', data: { ticketId: ticket.ticketId, commentId, asCustomer, reason } }], { actor, correlationId });
    const raw = await this.blobs.get(loaded.state.received.rawBlobSha256);
    const parsed = raw ? await parseMessage(raw, { textMaxChars: this.options.textMaxChars }) : null;
    if (parsed?.ok) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try {
          if ((await this.finish(await this.mails.load(mailId), parsed.message)) !== 'refused') break;
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
        }
      }
    }
    return {
      mailId,
      ticketId: ticket.ticketId,
      number: ticket.number,
      commentId,
      asCustomer,
      revision: appended!.result.nextRevision,
      position: appended!.result.position.toString(),
    };
  }

  /** Records the next step the message's record is missing; false once nothing is left to record. */
  private async advance(loaded: LoadedMail, input: { raw: Buffer; blob: BlobInfo; contentHash: string; parsed: ParseResult; receipt: MailReceipt }): Promise<boolean> {
    const { parsed } = input;
    if (!loaded.state) {
      const data = await this.receivedData(loaded.mailId, input);
      const commands: MailCommand[] = [{ type: 'ReceiveMail', data }];
      // The receipt and the decision in one append: one write, and never a receipt left undecided by a crash.
      if (!parsed.ok) commands.push({ type: 'MarkUnparseable', data: { error: parsed.error } });
      else commands.push(await this.decision(foldMail([{ type: 'MailReceived', data }])!, parsed.message));
      await this.mails.execute(loaded, commands, { actor: MAIL_ACTOR, correlationId: randomUUID() });
      return true;
    }
    const state = loaded.state;
    const envelope = { actor: MAIL_ACTOR, correlationId: correlationOf(loaded), causationId: loaded.events[loaded.events.length - 1].id };
    if (!parsed.ok) {
      return state.status === 'received' && (await this.mails.execute(loaded, [{ type: 'MarkUnparseable', data: { error: parsed.error } }], envelope)) !== null;
    }
    if (!isUndecided(state)) return false;
    await this.mails.execute(loaded, [await this.decision(state, parsed.message)], envelope);
    return true;
  }

  private async decision(state: Mail, message: ParsedMessage): Promise<MailCommand> {
    const mail = { ...message.mail, envelopeFrom: state.received.envelopeFrom ?? undefined };
    const kind = classifyMail(mail, { ourAddresses: this.options.ourAddresses, threadKey: this.options.threadKey });
    if (kind.kind === 'bounce') return { type: 'RecordBounce', data: bounceDetails(mail, this.options.threadKey) };
    if (kind.kind === 'ignore') return { type: 'IgnoreMail', data: { reason: kind.reason, detail: kind.detail } };

    let referenced: TicketFacts | null = null;
    for (const ticketId of referencedTicketIds(mail, this.options.threadKey)) {
      referenced = await this.facts.byId(ticketId);
      if (referenced) break;
    }
    const numberInSubject = subjectTicketNumber(mail.subject);
    const numbered = numberInSubject && !referenced ? await this.facts.byNumber(numberInSubject) : null;
    const decision = decideThreading({ from: mail.from, referenced, numberInSubject, numbered, dmarc: state.received.auth.dmarc.result });
    switch (decision.kind) {
      case 'comment':
        return { type: 'ThreadMail', data: { how: decision.how, ticketId: decision.ticketId, commentId: randomUUID() } };
      case 'new_ticket':
        return {
          type: 'ThreadMail',
          data: { how: 'new_ticket', ticketId: submissionTicketId(MAIL_ACTOR.id, threadingKey(state.mailId)), commentId: null, reason: decision.reason, followUpOf: decision.followUpOf },
        };
      case 'hold': {
        const ticket = referenced ?? numbered;
        const detail =
          decision.reason === 'sender_not_customer'
            ? `${mail.from?.address} is not the customer of ticket ${ticket?.number}, which the message ${referenced ? 'answers' : 'names in its subject'}`
            : decision.reason === 'dmarc_fail'
              ? `DMARC failed for ${state.received.auth.dmarc.domain ?? 'the sender’s domain'}`
              : 'the message names no sender (no From address)';
        return { type: 'HoldMail', data: { reason: decision.reason, ticketId: decision.ticketId, detail } };
      }
    }
  }

  /**
   * Does on the tickets what the record says: every threading event in order, each through an
   * ordinary ticket command with its own idempotency key (a repeat is answered from the ticket's
   * stream and appends nothing). True when something was appended; 'refused' when the ticket
   * refused and the message was held for staff instead.
   */
  private async finish(loaded: LoadedMail, message: ParsedMessage): Promise<boolean | 'refused'> {
    const state = loaded.state!;
    if (state.status !== 'threaded') return false;
    const steps = loaded.events.filter((e) => e.type === 'MailThreaded' || e.type === 'MailRethreaded');
    let acted = false;
    for (const [i, stored] of steps.entries()) {
      const last = i === steps.length - 1;
      try {
        const result = await this.applyToTicket(stored, state, message, loaded);
        acted ||= !result.replayed;
      } catch (error) {
        if (!(error instanceof TicketError)) throw error;
        // An earlier threading superseded by a rethread no longer matters; the current one goes to staff.
        if (!last) continue;
        const ticketId = (stored.data as { ticketId: string }).ticketId;
        await this.mails.execute(loaded, [{ type: 'HoldMail', data: { reason: 'ticket_refused', ticketId, detail: error.message } }], {
          actor: MAIL_ACTOR,
          correlationId: correlationOf(loaded),
          causationId: stored.id,
        });
        return 'refused';
      }
    }
    return acted;
  }

  private applyToTicket(stored: StoredEvent, state: Mail, message: ParsedMessage, loaded: LoadedMail): Promise<CommandResult> {
    const event = toMailEvent(stored) as Extract<MailEvent, { type: 'MailThreaded' | 'MailRethreaded' }>;
    const received = state.received;
    const key = event.type === 'MailThreaded' ? threadingKey(state.mailId) : `${threadingKey(state.mailId)}:rethread:${stored.revision}`;
    const envelope: CommandEnvelope = {
      actor: MAIL_ACTOR,
      scope: MAIL_SCOPE,
      correlationId: correlationOf(loaded),
      causationId: stored.id,
      idempotencyKey: key,
      request: { mailId: state.mailId, event: stored.id },
    };
    const attachments = received.attachments;
    const source = { channel: 'email' as const, mailId: state.mailId };
    const more = received.truncated ? '\n\n[…] The message is longer; its full text is in the raw message.' : '';

    if (event.type === 'MailThreaded' && event.data.how === 'new_ticket') {
      const from = received.from!;
      const text = message.mail.text.trim();
      return this.tickets.submit(
        {
          subject: received.subject || '(no subject)',
          description: (text || emptyText(attachments)) + more,
          channel: 'email',
          customer: { name: from.name || from.address.split('@')[0], email: from.address, timezone: DEFAULT_TIME_ZONE, language: guessLanguage(`${received.subject}\n${text}`) },
          attachments,
        },
        envelope,
      ).then((result) => {
        if (result.id !== event.data.ticketId) throw new Error(`The ticket started from ${state.mailId} is ${result.id}, not the ${event.data.ticketId} recorded`);
        return result;
      });
    }
    const reply = replyText(message.mail.text).text || emptyText(attachments);
    const asCustomer = event.type === 'MailThreaded' || event.data.asCustomer;
    const { commentId, ticketId } = event.data as { commentId: string; ticketId: string };
    if (asCustomer) {
      return this.tickets.execute(ticketId, { type: 'AddComment', data: { commentId, body: reply + more, visibility: 'public', author: 'customer', attachments, source } }, envelope);
    }
    // Moved here by staff but not from the ticket's customer: staff see it, it is never the customer's word.
    const who = received.from ? `${received.from.name ? `${received.from.name} ` : ''}<${received.from.address}>` : 'an unknown sender';
    const by = (stored.metadata.actor as Actor | undefined)?.id ?? 'staff';
    const why = event.type === 'MailRethreaded' && event.data.reason ? ` (${event.data.reason})` : '';
    const note = `Email from ${who}, moved to this ticket by ${by}${why}. Subject: ${received.subject || '(none)'}\n\n${reply}${more}`;
    return this.tickets.execute(ticketId, { type: 'AddComment', data: { commentId, body: note, visibility: 'internal', attachments, source } }, envelope);
  }

  private async receivedData(
    mailId: string,
    input: { raw: Buffer; blob: BlobInfo; contentHash: string; parsed: ParseResult; receipt: MailReceipt },
  ): Promise<MailReceivedData> {
    const { raw, blob, contentHash, parsed, receipt } = input;
    const attachments: AttachmentRef[] = [];
    const skippedAttachments: SkippedAttachment[] = [];
    const message = parsed.ok ? parsed.message : null;
    for (const [i, part] of (message?.attachments ?? []).entries()) {
      if (part.content.length > this.options.attachmentMaxBytes) {
        skippedAttachments.push({ filename: part.filename, contentType: part.contentType, size: part.content.length, reason: 'too_large' });
        continue;
      }
      const stored = await this.blobs.put(part.content);
      attachments.push({
        attachmentId: uuidv5(`${mailId}\u0000${i}`, ATTACHMENT_NAMESPACE),
        sha256: stored.sha256,
        filename: part.filename ?? `attachment-${i + 1}`,
        contentType: part.contentType,
        size: stored.size,
      });
    }
    const mail = message?.mail;
    const upstream = mail?.headers['authentication-results'] ?? [];
    const auth = mail ? await authenticateMessage(raw, receipt, upstream, this.options.dnsTimeoutMs) : NO_AUTH_RESULTS;
    return {
      mailId,
      messageId: mail?.messageId ?? (parsed.ok ? null : parsed.messageId),
      contentSha256: contentHash,
      rawBlobSha256: blob.sha256,
      size: raw.length,
      from: mail?.from ?? null,
      to: mail?.to ?? [],
      cc: mail?.cc ?? [],
      subject: (mail?.subject ?? '').slice(0, 998),
      date: message?.date ?? null,
      inReplyTo: mail?.inReplyTo.slice(0, 10) ?? [],
      references: mail?.references.slice(-50) ?? [],
      transport: receipt.transport,
      envelopeFrom: receipt.envelopeFrom ?? null,
      envelopeTo: receipt.envelopeTo ?? [],
      remoteAddress: receipt.remoteAddress ?? null,
      auth,
      attachments,
      skippedAttachments,
      truncated: message?.truncated ?? false,
    };
  }
}

const threadingKey = (mailId: string) => `mail:${mailId}`;

/** The correlation id of everything a message sets off: the one its receipt was recorded with. */
const correlationOf = (loaded: LoadedMail) => String(loaded.events[0].metadata.correlationId ?? loaded.mailId);

const emptyText = (attachments: AttachmentRef[]) => (attachments.length ? '(no text: see the attachments)' : '(the email had no text)');
