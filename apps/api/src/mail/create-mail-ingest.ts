import { TicketCommandRunner } from '@helpdesk/application';
import { BlobStore } from '@helpdesk/blob-store';
import { EventStore } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { Clock } from '@helpdesk/shared';
import { Settings } from '../config/settings';
import { MailIngestService } from './mail-ingest.service';
import { TicketFactsReader } from './ticket-facts';

/** The pipeline wired from the settings: the same in the API (MailModule) and in the CLI's `ingest`. */
export function createMailIngest(deps: { store: EventStore; blobs: BlobStore; tickets: TicketCommandRunner; clock: Clock; threadKey: string; settings: Settings; readModels: ReadModels }): MailIngestService {
  const { settings } = deps;
  return new MailIngestService(deps.store, deps.blobs, deps.tickets, new TicketFactsReader(deps.store, deps.readModels), deps.clock, {
    ourAddresses: [...new Set([settings.MAIL_FROM.toLowerCase(), ...settings.SUPPORT_ADDRESSES])],
    threadKey: deps.threadKey,
    attachmentMaxBytes: settings.ATTACHMENT_MAX_BYTES,
    textMaxChars: settings.MAIL_TEXT_MAX_CHARS,
    dnsTimeoutMs: settings.MAIL_AUTH_DNS_TIMEOUT_MS,
  });
}
