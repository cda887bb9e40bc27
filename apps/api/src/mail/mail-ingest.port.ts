/**
 * The one door every inbound message goes through, whatever carried it (the SMTP listener, the
 * IMAP poller, the CLI). Implemented by the mail pipeline (MailIngestService); the transports
 * depend only on this.
 */
export interface MailReceipt {
  transport: 'smtp' | 'imap' | 'cli';
  /** SMTP envelope: MAIL FROM (empty string for a null sender, as bounces use). */
  envelopeFrom?: string;
  /** SMTP envelope: RCPT TO addresses accepted. */
  envelopeTo?: string[];
  /** Connecting client, for SPF (SMTP only). */
  remoteAddress?: string;
  /** HELO/EHLO name the client gave (SMTP only). */
  heloName?: string;
  receivedAt?: Date;
}

export interface MailIngestOutcome {
  /** The `mail-<id>` stream the message is recorded on. */
  mailId: string;
  /** What became of it, e.g. 'ticket_created', 'comment_added', 'held', 'auto_reply', 'bounce', 'duplicate', 'unparseable'. */
  outcome: string;
  ticketId?: string;
}

export interface MailIngest {
  /** Records the message and acts on it. Never throws for a bad message: the raw bytes are kept first. */
  ingest(raw: Buffer, receipt: MailReceipt): Promise<MailIngestOutcome>;
}

export const MAIL_INGEST = Symbol('MAIL_INGEST');
