import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandEnvelope } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { toTicketEvent } from '@helpdesk/application';
import { canReach, fold, notFound, TicketCommand, ticketStreamId } from '@helpdesk/ticketing';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { reachOf } from '../queries/ticket-access';
import { seesSatisfactionComment } from '../satisfaction/present-satisfaction';
import { Envelope } from '../http/command-envelope.decorator';
import { AttachmentIntake, presentUploaded, UploadedFile } from './attachments/attachment-intake';
import { UploadProblemsInterceptor } from './attachments/upload-problems.interceptor';
import { commandResponse } from './command-response';
import { ChangeTicketCommand } from './commands/change-ticket.command';
import { SubmitTicketCommand } from './commands/submit-ticket.command';
import { SubmitTicketDto } from './dto/submit-ticket.dto';
import {
  AddCommentDto,
  AssignTicketDto,
  CategorizeTicketDto,
  TagTicketDto,
  NoteDto,
  PrioritizeTicketDto,
  ReasonDto,
  ResolveTicketDto,
} from './dto/ticket-actions.dto';
import { TicketIdPipe } from './ticket-id.pipe';

type Change = Exclude<TicketCommand, { type: 'SubmitTicket' }>;

@ApiTags('tickets')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key return the first result' })
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly intake: AttachmentIntake,
  ) {}

  @Post() @Allow('tickets.submit')
  @UseInterceptors(UploadProblemsInterceptor, FilesInterceptor('files'))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({ summary: 'Submit a ticket; answers its id, number, revision and position. As multipart/form-data: the same fields (customer[name]…) and files under "files"' })
  async submit(@Envelope() e: CommandEnvelope, @Body() body: SubmitTicketDto, @UploadedFiles() files: UploadedFile[] | undefined, @Res({ passthrough: true }) res: Response) {
    const { attachments, envelope } = await this.intake.accept(files, e);
    const result = commandResponse(await this.commands.execute(new SubmitTicketCommand(body, envelope, attachments)), res, true);
    return attachments.length ? { ...result, attachments: presentUploaded(attachments) } : result;
  }

  @Post(':id/assign') @HttpCode(200) @Allow('tickets.assign')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision you saw; 409 when stale' })
  assign(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: AssignTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'AssignTicket', data: { agentId: b.agentId, reason: b.reason } }, e, res);
  }

  @Post(':id/acknowledge') @HttpCode(200) @Allow('tickets.acknowledge')
  acknowledge(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'AcknowledgeAssignment', data: { note: b.note } }, e, res);
  }

  @Post(':id/prioritize') @HttpCode(200) @Allow('tickets.prioritize')
  prioritize(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: PrioritizeTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'PrioritizeTicket', data: { priority: b.priority, reason: b.reason } }, e, res);
  }

  @Post(':id/categorize') @HttpCode(200) @Allow('tickets.categorize')
  categorize(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: CategorizeTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'CategorizeTicket', data: { category: b.category } }, e, res);
  }

  @Post(':id/tags') @HttpCode(200) @Allow('tickets.tag')
  tag(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: TagTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'TagTicket', data: { add: b.add, remove: b.remove } }, e, res);
  }

  @Post(':id/start') @HttpCode(200) @Allow('tickets.start')
  start(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'StartWork', data: { note: b.note } }, e, res);
  }

  @Post(':id/comments') @HttpCode(200) @Allow('tickets.comment')
  @UseInterceptors(UploadProblemsInterceptor, FilesInterceptor('files'))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({ summary: 'Add a comment; as multipart/form-data: body, visibility and files under "files"' })
  async comment(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: AddCommentDto, @UploadedFiles() files: UploadedFile[] | undefined, @Res({ passthrough: true }) res: Response) {
    const { attachments, envelope } = await this.intake.accept(files, e);
    const data = { commentId: randomUUID(), body: b.body, visibility: b.visibility, ...(attachments.length ? { attachments } : {}) };
    const result = await this.change(id, { type: 'AddComment', data }, envelope, res);
    return attachments.length ? { ...result, attachments: presentUploaded(attachments) } : result;
  }

  @Post(':id/wait') @HttpCode(200) @Allow('tickets.wait')
  wait(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'WaitOnCustomer', data: { note: b.note } }, e, res);
  }

  @Post(':id/resolve') @HttpCode(200) @Allow('tickets.resolve')
  resolve(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: ResolveTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ResolveTicket', data: { resolution: b.resolution } }, e, res);
  }

  @Post(':id/confirm') @HttpCode(200) @Allow('tickets.confirm')
  confirm(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ConfirmResolution', data: { note: b.note } }, e, res);
  }

  @Post(':id/reject') @HttpCode(200) @Allow('tickets.reject')
  reject(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: ReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'RejectResolution', data: { reason: b.reason } }, e, res);
  }

  @Post(':id/close') @HttpCode(200) @Allow('tickets.close')
  close(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'CloseTicket', data: { note: b.note } }, e, res);
  }

  @Post(':id/reopen') @HttpCode(200) @Allow('tickets.reopen')
  reopen(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: ReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ReopenTicket', data: { reason: b.reason } }, e, res);
  }

  @Get(':id/events') @Allow('tickets.events')
  @ApiOperation({ summary: 'The ticket’s events as stored: type, data, metadata, revision, position (a rating’s comment only for supervisors and admins)' })
  async events(@CurrentPrincipal() principal: Principal, @Param('id', TicketIdPipe) id: string) {
    const events = await this.store.readStream(ticketStreamId(id));
    const ticket = fold(events.map(toTicketEvent));
    if (!ticket || !canReach(reachOf(principal), ticket)) throw notFound(id);
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      revision: e.revision,
      position: e.position.toString(),
      recordedAt: e.recordedAt.toISOString(),
      data: e.type === 'SatisfactionRated' && !seesSatisfactionComment(principal) ? withheldComment(e.data) : e.data,
      metadata: e.metadata,
    }));
  }

  private async change(id: string, command: Change, envelope: CommandEnvelope, res: Response) {
    return commandResponse(await this.commands.execute(new ChangeTicketCommand(id, command, envelope)), res);
  }
}

/**
 * A rating's comment is free text about staff, for supervisors and admins: the other readers of
 * raw events (agents, auditors) see that there was one. The stored event is unchanged, so
 * `GET /audit/verify` still recomputes its hash.
 */
function withheldComment(data: Record<string, unknown>) {
  return { ...data, comment: data.comment == null ? null : '(withheld: for supervisors and admins)' };
}
