import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { submissionTicketId, TicketCommandRunner, TicketNumberAllocator } from '@helpdesk/application';
import { FileBlobStore } from '@helpdesk/blob-store';
import { createEventStore } from '@helpdesk/event-store';
import { mailIdFor, threadMessageId } from '@helpdesk/mail';
import { ReadModels } from '@helpdesk/projection-engine';
import { createReadStore } from '@helpdesk/read-store';
import { systemClock } from '@helpdesk/shared';
import { validateSettings } from '../apps/api/src/config/settings';
import { createMailIngest } from '../apps/api/src/mail/create-mail-ingest';
import { BenchConfig } from './config';
import { now, summarize } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

const KEY = 'bench thread secret, long enough for the HMAC';

/**
 * Inbound mail: messages/s through the whole pipeline (raw kept in the blob store, mailparser,
 * mailauth, the mail record, classification, threading, the ticket command), one message at a
 * time, on the embedded stores at their defaults. Baseline: mailparser's simpleParser alone on
 * the same messages in the same run. A mix of new requests (plain, Gmail multipart, HTML-only,
 * Urdu base64, with a PDF), replies by reference to them, auto-replies and bounces.
 */
export async function mailIngest(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('mail');
  try {
    const messages = corpus(config.mailMessages);
    const bytes = messages.reduce((n, m) => n + m.length, 0);

    for (const raw of messages.slice(0, 20)) await simpleParser(raw); // warm-up
    const parseStart = now();
    for (const raw of messages) await simpleParser(raw);
    const parseSeconds = (now() - parseStart) / 1000;

    const settings = validateSettings({ ...process.env, DATA_DIR: dir.path, MAIL_THREAD_SECRET: KEY, SUPPORT_ADDRESSES: 'support@helpdesk.test' });
    const events = createEventStore({ dataDir: dir.path, synchronous: settings.SQLITE_SYNCHRONOUS });
    const store = await createReadStore({ dataDir: dir.path });
    const blobs = new FileBlobStore(join(dir.path, 'blobs'));
    const tickets = new TicketCommandRunner(events, new TicketNumberAllocator(events), systemClock, { autoCloseAfterDays: 7 });
    const ingest = createMailIngest({ store: events, blobs, tickets, clock: systemClock, threadKey: KEY, settings, readModels: new ReadModels(store) });
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    const start = now();
    for (const raw of messages) {
      const t0 = now();
      const { outcome } = await ingest.ingest(raw, { transport: 'cli' });
      latencies.push(now() - t0);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    const seconds = (now() - start) / 1000;
    await events.close();
    await store.close();
    const latency = summarize(latencies);
    return [
      {
        benchmark: 'mail ingest, whole pipeline (one message at a time)',
        figure: messages.length / seconds,
        unit: 'messages/s',
        baseline: 'mailparser simpleParser alone, same messages',
        baselineFigure: messages.length / parseSeconds,
        target: null,
        notes:
          `${messages.length} messages, ${(bytes / 1024 / 1024).toFixed(1)} MiB; outcomes ${JSON.stringify(outcomes)}; ` +
          `per message p50 ${latency.p50.toFixed(1)} ms / p99 ${latency.p99.toFixed(1)} ms; synchronous=${settings.SQLITE_SYNCHRONOUS}, MAIL_AUTH_DNS_TIMEOUT_MS=${settings.MAIL_AUTH_DNS_TIMEOUT_MS}`,
      },
    ];
  } finally {
    dir.remove();
  }
}

/** `count` distinct messages; every fifth a reply by reference to the request four before it. */
function corpus(count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const id = `<bench-${i}@example.pk>`;
    const from = `customer${i}@example.pk`;
    const head = (extra: string[]) => [`From: Customer ${i} <${from}>`, 'To: support@helpdesk.test', `Message-ID: ${id}`, 'Date: Mon, 5 Jan 2026 09:00:00 +0500', 'MIME-Version: 1.0', ...extra].join('\r\n');
    let raw: string;
    switch (i % 10) {
      case 4:
      case 9: {
        const requestId = `<bench-${i - 4}@example.pk>`;
        const ticketId = submissionTicketId('mail', `mail:${mailIdFor(requestId, '')}`);
        const ref = threadMessageId({ ticketId, notificationId: `n${i}` }, KEY, 'helpdesk.test');
        raw = [
          `From: Customer ${i - 4} <customer${i - 4}@example.pk>`,
          'To: support@helpdesk.test',
          `Message-ID: ${id}`,
          `In-Reply-To: ${ref}`,
          `References: ${ref}`,
          'Subject: Re: my request',
          'Content-Type: text/plain; charset=utf-8',
          '',
          `Still failing at step ${i}.\r\n\r\nOn Mon, Jan 5, 2026 at 10:00 AM Helpdesk <support@helpdesk.test> wrote:\r\n> We received your request.\r\n`,
        ].join('\r\n');
        break;
      }
      case 1:
        raw = `${head(['Subject: Invoice question', 'Content-Type: multipart/alternative; boundary="alt"'])}\r\n\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nInvoice ${i} is wrong.\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>Invoice <b>${i}</b> is wrong.</div>\r\n--alt--\r\n`;
        break;
      case 2:
        raw = `${head(['Subject: HTML only', 'Content-Type: text/html; charset=utf-8'])}\r\n\r\n<html><body><p>Order <b>${i}</b> never arrived.</p><table><tr><td>a</td></tr></table></body></html>\r\n`;
        break;
      case 3:
        raw = `${head([`Subject: =?UTF-8?B?${Buffer.from(`پاس ورڈ ${i}`).toString('base64')}?=`, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64'])}\r\n\r\n${Buffer.from('میرا پاس ورڈ کام نہیں کر رہا۔ '.repeat(20)).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`;
        break;
      case 5:
        raw = `${head(['Subject: Report attached', 'Content-Type: multipart/mixed; boundary="mix"'])}\r\n\r\n--mix\r\nContent-Type: text/plain\r\n\r\nSee the attached report ${i}.\r\n--mix\r\nContent-Type: application/pdf; name="r.pdf"\r\nContent-Disposition: attachment; filename="r${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(20_000, i % 251).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--mix--\r\n`;
        break;
      case 6:
        raw = `${head(['Subject: Automatic reply: away', 'Auto-Submitted: auto-replied', 'Content-Type: text/plain'])}\r\n\r\nI am away.\r\n`;
        break;
      case 7:
        raw = `${head(['Subject: Undelivered Mail Returned to Sender', 'Content-Type: multipart/report; report-type=delivery-status; boundary="r"']).replace(`From: Customer ${i} <${from}>`, 'From: MAILER-DAEMON@mx.example.pk')}\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.pk\r\n\r\nFinal-Recipient: rfc822; gone${i}@example.pk\r\nAction: failed\r\nStatus: 5.1.1\r\n--r--\r\n`;
        break;
      default:
        raw = `${head(['Subject: Cannot sign in', 'Content-Type: text/plain; charset=utf-8'])}\r\n\r\nThe portal rejects my password (request ${i}).\r\n\r\nThanks,\r\nCustomer\r\n`;
    }
    out.push(Buffer.from(raw, 'utf8'));
  }
  return out;
}
