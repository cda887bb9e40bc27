import { Controller, Get, Inject, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { BLOB_STORE, BlobStore, servedContentType } from '@helpdesk/blob-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { Allow } from '../../auth/policy';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { problem } from '../../http/problem';
import { ConsistencyInterceptor } from '../../queries/consistency.interceptor';
import { ConsistentQuery } from '../../queries/dto/query-params';
import { ReadsFrom } from '../../queries/reads-from.decorator';
import { readableTicket, seesPii } from '../../queries/ticket-access';
import { visibleAttachments } from '../../queries/visible-attachments';
import { attachmentDisposition } from './content-disposition';

const WITHHELD = '(withheld: may contain personal data)';

/**
 * The files on a ticket: listed, and downloaded by whoever may read the ticket and the comment
 * they hang on. Always as a download, never rendered: `Content-Disposition: attachment`,
 * `nosniff`, a sandboxing CSP, and the recorded type only when it cannot run in a browser.
 */
@ApiTags('queries')
@ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith' })
@UseInterceptors(ConsistencyInterceptor)
@Controller('tickets')
export class TicketAttachmentsController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Get(':id/attachments') @Allow('tickets.attachments.list')
  @ReadsFrom(TICKETS)
  @ApiOperation({ summary: 'The files on a ticket and its comments: id, file name, type, size, SHA-256, who and when' })
  async list(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() _q: ConsistentQuery) {
    const view = await this.ticket(principal, id);
    const items = visibleAttachments(view, principal).map((a) => ({
      ...a,
      ...(seesPii(principal) ? {} : { filename: WITHHELD }),
      download: `/tickets/${view._id}/attachments/${a.id}`,
    }));
    return { items };
  }

  @Get(':id/attachments/:attachmentId') @Allow('tickets.attachments.download')
  @ReadsFrom(TICKETS)
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download one file (always as an attachment, never shown inline)' })
  async download(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('attachmentId') attachmentId: string, @Query() _q: ConsistentQuery, @Res() res: Response) {
    const view = await this.ticket(principal, id);
    const attachment = visibleAttachments(view, principal).find((a) => a.id === attachmentId.toLowerCase());
    // An attachment of an internal note does not exist for a customer: the same answer as an unknown id.
    if (!attachment) throw attachmentNotFound(attachmentId);
    const bytes = await this.blobs.get(attachment.sha256);
    if (!bytes) throw problem(404, 'attachment-not-found', 'Attachment not found', `The bytes of attachment ${attachment.id} are no longer stored (erased).`);
    res.status(200).set({
      'Content-Type': servedContentType(attachment.contentType),
      'Content-Length': String(bytes.length),
      'Content-Disposition': attachmentDisposition(attachment.filename),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-cache',
      ETag: `"${attachment.sha256}"`,
      // RFC 9530: the client can check what it received.
      'Repr-Digest': `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`,
    });
    res.end(bytes);
  }

  /** The ticket by id or number, or the 404 an unknown one gets when it is out of reach. */
  private ticket(principal: Principal, id: string): Promise<TicketView> {
    return readableTicket(this.readModels, principal, id);
  }
}

function attachmentNotFound(id: string) {
  return problem(404, 'attachment-not-found', 'Attachment not found', `No attachment ${id.slice(0, 80)} on this ticket.`);
}
