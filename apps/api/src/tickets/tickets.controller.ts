import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandEnvelope } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { notFound, TicketCommand, ticketStreamId } from '@helpdesk/ticketing';
import { CurrentActor } from '../http/actor';
import { Envelope } from '../http/command-envelope.decorator';
import { commandResponse } from './command-response';
import { ChangeTicketCommand } from './commands/change-ticket.command';
import { SubmitTicketCommand } from './commands/submit-ticket.command';
import { SubmitTicketDto } from './dto/submit-ticket.dto';
import {
  AddCommentDto,
  AssignTicketDto,
  CategorizeTicketDto,
  NoteDto,
  PrioritizeTicketDto,
  ReasonDto,
  ResolveTicketDto,
} from './dto/ticket-actions.dto';
import { TicketIdPipe } from './ticket-id.pipe';

type Change = Exclude<TicketCommand, { type: 'SubmitTicket' }>;

@ApiTags('tickets')
@ApiHeader({ name: 'X-Actor-Id', required: true, description: 'Temporary, until sign-in exists' })
@ApiHeader({ name: 'X-Actor-Role', required: true, description: 'customer | agent | supervisor | auditor | analyst | admin' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key return the first result' })
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit a ticket; answers its id, number, revision and position' })
  async submit(@Envelope() envelope: CommandEnvelope, @Body() body: SubmitTicketDto, @Res({ passthrough: true }) res: Response) {
    return commandResponse(await this.commands.execute(new SubmitTicketCommand(body, envelope)), res, true);
  }

  @Post(':id/assign') @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision you saw; 409 when stale' })
  assign(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: AssignTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'AssignTicket', data: { agentId: b.agentId, reason: b.reason } }, e, res);
  }

  @Post(':id/acknowledge') @HttpCode(200)
  acknowledge(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'AcknowledgeAssignment', data: { note: b.note } }, e, res);
  }

  @Post(':id/prioritize') @HttpCode(200)
  prioritize(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: PrioritizeTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'PrioritizeTicket', data: { priority: b.priority, reason: b.reason } }, e, res);
  }

  @Post(':id/categorize') @HttpCode(200)
  categorize(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: CategorizeTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'CategorizeTicket', data: { category: b.category } }, e, res);
  }

  @Post(':id/start') @HttpCode(200)
  start(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'StartWork', data: { note: b.note } }, e, res);
  }

  @Post(':id/comments') @HttpCode(200)
  comment(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: AddCommentDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'AddComment', data: { commentId: randomUUID(), body: b.body, visibility: b.visibility } }, e, res);
  }

  @Post(':id/wait') @HttpCode(200)
  wait(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'WaitOnCustomer', data: { note: b.note } }, e, res);
  }

  @Post(':id/resolve') @HttpCode(200)
  resolve(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: ResolveTicketDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ResolveTicket', data: { resolution: b.resolution } }, e, res);
  }

  @Post(':id/confirm') @HttpCode(200)
  confirm(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ConfirmResolution', data: { note: b.note } }, e, res);
  }

  @Post(':id/reject') @HttpCode(200)
  reject(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: ReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'RejectResolution', data: { reason: b.reason } }, e, res);
  }

  @Post(':id/close') @HttpCode(200)
  close(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: NoteDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'CloseTicket', data: { note: b.note } }, e, res);
  }

  @Post(':id/reopen') @HttpCode(200)
  reopen(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: ReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ReopenTicket', data: { reason: b.reason } }, e, res);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The ticket’s events as stored: type, data, metadata, revision, position' })
  async events(@CurrentActor() _actor: unknown, @Param('id', TicketIdPipe) id: string) {
    const events = await this.store.readStream(ticketStreamId(id));
    if (events.length === 0) throw notFound(id);
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      revision: e.revision,
      position: e.position.toString(),
      recordedAt: e.recordedAt.toISOString(),
      data: e.data,
      metadata: e.metadata,
    }));
  }

  private async change(id: string, command: Change, envelope: CommandEnvelope, res: Response) {
    return commandResponse(await this.commands.execute(new ChangeTicketCommand(id, command, envelope)), res);
  }
}
