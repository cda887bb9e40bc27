/** A mailbox as a header names it. Addresses are lowercased. */
export interface MailAddress {
  name: string;
  address: string;
}

/**
 * What the mail rules need to know about a parsed message: the edge (mailparser) fills it in,
 * the pure functions of this library decide on it.
 */
export interface InboundMail {
  messageId: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** In-Reply-To and References ids, angle brackets included, in header order. */
  inReplyTo: string[];
  references: string[];
  /** SMTP MAIL FROM: '' for the null sender (bounces, most auto-replies); undefined when unknown (IMAP, CLI). */
  envelopeFrom?: string;
  /** Header fields by lowercase name, each occurrence's value unfolded. */
  headers: Record<string, string[]>;
  /** The top-level Content-Type value with its parameters, lowercased. */
  contentType: string;
  /** The readable text (from the HTML when there is no plain part); never markup. */
  text: string;
  /**
   * Machine-readable parts a bounce carries (message/delivery-status, message/rfc822,
   * text/rfc822-headers), as text: where a DSN names the recipient and quotes the original.
   */
  reportParts: string[];
  /** Attachments kept (within the size limit), for deciding whether an empty-text message is empty. */
  attachmentCount: number;
}

export const header = (mail: Pick<InboundMail, 'headers'>, name: string): string[] => mail.headers[name.toLowerCase()] ?? [];
