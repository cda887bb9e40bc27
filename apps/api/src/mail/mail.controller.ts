import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { BLOB_STORE, BlobStore } from '@helpdesk/blob-store';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { MAIL_ID_PATTERN, MailError, MailReceivedData, mailStreamId } from '@helpdesk/mail';
import { ReadModels } from '@helpdesk/projection-engine';
import { MAIL, MailView } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { actorOf, CurrentPrincipal, Principal } from '../auth/principal';
import { correlationIdOf } from '../http/command-envelope.decorator';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ListTotals } from '../queries/list-totals';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { present } from '../queries/present';
import { ListMailQuery, RethreadMailDto } from './dto/mail.dto';
import { MailIngestService } from './mail-ingest.service';

const MAIL_PROBLEMS: Record<MailError['code'], [number, string, string]> = {
  mail_not_found: [404, 'mail-not-found', 'Message not found'],
  not_allowed: [403, 'not-allowed', 'Not allowed'],
  illegal_transition: [409, 'illegal-transition', 'Not possible for this message now'],
  invalid_command: [400, 'invalid-request', 'Invalid request'],
};

/** Inbound mail for staff: what arrived, what became of it, the raw message, and moving it to a ticket. */
@ApiTags('mail')
@Controller('mail')
export class MailController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly totals: ListTotals,
    private readonly ingest: MailIngestService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Get() @Allow('mail.list')
  @ReadsFrom(MAIL)
  @UseInterceptors(ConsistencyInterceptor)
  @ApiOperation({ summary: 'Inbound messages, newest first, with their outcome (`?outcome=held` for those waiting for staff)' })
  async list(@Query() q: ListMailQuery) {
    const mail = await this.readModels.collection<MailView>(MAIL);
    const filter = q.outcome ? { outcome: q.outcome } : {};
    const page = await mail.findPage(filter, { sort: { receivedAt: -1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(({ decisions, ...rest }) => (void decisions, present(rest))), nextCursor: page.nextCursor ?? null, ...(await this.totals.of(mail, filter)) };
  }

  @Get(':id') @Allow('mail.get')
  @ApiOperation({ summary: 'One message as received and every decision about it, from its event stream' })
  async one(@Param('id') id: string) {
    const events = await this.events(id);
    const received = events[0].data as unknown as MailReceivedData;
    return {
      id,
      received,
      history: events.map((e) => ({
        type: e.type,
        revision: e.revision,
        position: e.position.toString(),
        occurredAt: e.metadata.occurredAt,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        causationId: e.metadata.causationId,
        eventId: e.id,
        data: e.type === 'MailReceived' ? undefined : e.data,
      })),
    };
  }

  @Get(':id/raw') @Allow('mail.raw')
  @ApiOperation({ summary: 'The raw message exactly as received, as a message/rfc822 download' })
  async raw(@Param('id') id: string, @Res() res: Response) {
    const events = await this.events(id);
    const received = events[0].data as unknown as MailReceivedData;
    const bytes = await this.blobs.get(received.rawBlobSha256);
    if (!bytes) throw problem(404, 'blob-not-found', 'Raw message not found', `The raw bytes of message ${id} are no longer in the blob store.`);
    res
      .status(200)
      .set({
        'Content-Type': 'message/rfc822',
        'Content-Disposition': `attachment; filename="${id}.eml"`,
        'Content-Length': String(bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        ETag: `"${received.rawBlobSha256}"`,
      })
      .end(bytes);
  }

  @Post(':id/rethread') @HttpCode(200) @Allow('mail.rethread')
  @ApiOperation({ summary: 'Move a held or mis-threaded message to a ticket; recorded as MailRethreaded with who and why' })
  async rethread(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Param('id') id: string, @Body() body: RethreadMailDto) {
    if (!MAIL_ID_PATTERN.test(id)) throw notFound(id);
    try {
      return await this.ingest.rethread(id, body.ticketId.trim(), body.reason, actorOf(principal), correlationIdOf(req));
    } catch (error) {
      if (error instanceof MailError) {
        const [status, code, title] = MAIL_PROBLEMS[error.code];
        throw problem(status, code, title, error.message);
      }
      if (error instanceof WrongExpectedRevisionError) {
        throw problem(409, 'concurrency-conflict', 'The message has changed', `Message ${id} changed while this was decided; reload it and try again.`);
      }
      throw error;
    }
  }

  private async events(id: string) {
    if (!MAIL_ID_PATTERN.test(id)) throw notFound(id);
    const events = await this.store.readStream(mailStreamId(id));
    if (!events.length || events[0].type !== 'MailReceived') throw notFound(id);
    return events;
  }
}

const notFound = (id: string) => problem(404, 'mail-not-found', 'Message not found', `No message ${id.slice(0, 80)} has been received.`);
