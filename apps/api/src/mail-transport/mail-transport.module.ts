import { Module } from '@nestjs/common';
import { ImapPollerService } from './imap-poller.service';
import { SmtpListenerService } from './smtp-listener.service';

/**
 * How inbound mail arrives: the SMTP listener (an MX for the support addresses) and the IMAP
 * poller (a mailbox hosted elsewhere). Both hand raw messages to MAIL_INGEST; each is off
 * until its setting (SMTP_PORT, IMAP_URL) is given.
 */
@Module({ providers: [SmtpListenerService, ImapPollerService], exports: [SmtpListenerService, ImapPollerService] })
export class MailTransportModule {}
