import { readFile } from 'node:fs/promises';
import { TicketCommandRunner, TicketNumberAllocator } from '@helpdesk/application';
import { ReadModels } from '@helpdesk/projection-engine';
import { systemClock } from '@helpdesk/shared';
import { validateSettings } from '../../api/src/config/settings';
import { createMailIngest } from '../../api/src/mail/create-mail-ingest';
import { resolveMailThreadKey } from '../../api/src/mail/mail-thread-key';
import { openCliContext } from './cli-context';

/**
 * `ingest <file.eml>|-`: one raw message through the same pipeline the SMTP listener and the
 * IMAP poller deliver to, against the configured stores, without the HTTP server. Prints the
 * outcome as JSON ({mailId, outcome, ticketId?}).
 */
export async function runIngest(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('ingest needs a file with a raw message (.eml), or - to read it from standard input.');
    return 2;
  }
  const raw = file === '-' ? await readStdin() : await readFile(file);
  const settings = validateSettings(process.env);
  const ctx = await openCliContext();
  // The same blob store as the API's (sealed; GridFS with MONGO_URL, else files under DATA_DIR),
  // so the API serves the raw message and attachments the CLI recorded.
  const blobs = ctx.blobs;
  try {
    const tickets = new TicketCommandRunner(ctx.events, new TicketNumberAllocator(ctx.events), systemClock, { autoCloseAfterDays: settings.AUTO_CLOSE_AFTER_DAYS });
    const ingest = createMailIngest({ store: ctx.events, blobs, tickets, clock: systemClock, threadKey: resolveMailThreadKey(settings), settings, readModels: new ReadModels(ctx.store) });
    const outcome = await ingest.ingest(raw, { transport: 'cli', receivedAt: new Date() });
    console.log(JSON.stringify(outcome));
    return 0;
  } finally {
    await ctx.close();
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
