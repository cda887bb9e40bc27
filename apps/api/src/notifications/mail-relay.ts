import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';

/** Where outbound mail is handed over: the SMTP relay in SMTP_RELAY_URL. */
export interface MailRelay {
  /** Resolves with the relay's answer once it has accepted the message; rejects with a RelayRefusal otherwise. */
  send(message: SendMailOptions): Promise<{ response: string }>;
  close(): void;
}

/** The relay did not take the message: `permanent` for a 5xx answer (trying again will not help). */
export class RelayRefusal extends Error {
  override readonly name = 'RelayRefusal';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * nodemailer's SMTP transport over one pooled connection (reused between messages, reopened
 * when the relay drops it), so sending many notifications does not pay a handshake each.
 */
export function smtpRelay(url: string, options: { timeoutMs?: number } = {}): MailRelay {
  const timeout = options.timeoutMs ?? 30_000;
  const transport: Transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    // One try per attempt: every retry is the outbox's own, recorded as an event.
    maxRequeues: 0,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  } as never);
  return {
    async send(message) {
      try {
        const info = (await transport.sendMail(message)) as { response?: string; rejected?: unknown[] };
        if (Array.isArray(info.rejected) && info.rejected.length) throw new RelayRefusal(`the relay refused ${info.rejected.join(', ')}: ${info.response ?? ''}`, true);
        return { response: String(info.response ?? '') };
      } catch (error) {
        if (error instanceof RelayRefusal) throw error;
        throw refusalOf(error);
      }
    },
    close: () => transport.close(),
  };
}

/** A 5xx answer is final; a 4xx answer, a timeout or a dropped connection is worth another try. */
export function refusalOf(error: unknown): RelayRefusal {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  return new RelayRefusal(code ? text : `${e.code ? `${e.code}: ` : ''}${text}`, code !== null && code >= 500 && code < 600);
}
