import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CommandEnvelope, StreamResult } from '@helpdesk/application';
import { MacroCommand, macroNotFound, MacroState } from '@helpdesk/automation';
import { ReadModels } from '@helpdesk/projection-engine';
import { MACROS, MacroView } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { Envelope } from '../http/command-envelope.decorator';
import { present } from '../queries/present';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { commandResponse } from '../tickets/command-response';
import { TicketIdPipe } from '../tickets/ticket-id.pipe';
import { contentOf, MacroContentDto, MacroListQuery, RetireMacroDto } from './dto/macro.dto';
import { ApplyMacroCommand, RunMacroCommand } from './macro-commands';

/** Macros derived from an Idempotency-Key get the same id on every retry. */
const MACRO_ID_NAMESPACE = '6f1d2a4e-8c1b-4d5e-9a7f-3b2c1d0e9f8a';
const MACRO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@ApiTags('macros')
@UseInterceptors(ConsistencyInterceptor)
@Controller()
export class MacrosController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModels,
  ) {}

  @Get('macros') @Allow('macros.list')
  @ReadsFrom(MACROS)
  @ApiOperation({ summary: 'The team’s macros (canned replies with field changes), by name' })
  async list(@Query() q: MacroListQuery) {
    const macros = await this.readModels.collection<MacroView>(MACROS);
    const items = await macros.find(q.retired === 'true' ? {} : { retired: false }, { sort: { name: 1 }, limit: 1000 });
    return { items: items.map(present) };
  }

  @Get('macros/:id') @Allow('macros.get')
  @ReadsFrom(MACROS)
  @ApiOperation({ summary: 'One macro, its current version' })
  async get(@Param('id') id: string) {
    const macro = MACRO_ID.test(id) ? await (await this.readModels.collection<MacroView>(MACROS)).findOne({ _id: id }) : null;
    if (!macro) throw macroNotFound(id.slice(0, 80));
    return present(macro);
  }

  @Post('macros') @HttpCode(201) @Allow('macros.create')
  @ApiOperation({ summary: 'Write a macro: a reply in English (and Urdu) with placeholders, and field changes' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers the same macro' })
  async create(@Envelope() e: CommandEnvelope, @Body() body: MacroContentDto, @Res({ passthrough: true }) res: Response) {
    const macroId = e.idempotencyKey ? uuidv5(`${e.actor.id}\u0000${e.idempotencyKey}`, MACRO_ID_NAMESPACE) : randomUUID();
    return this.answer(res, await this.run(macroId, { type: 'CreateMacro', data: { macroId, content: contentOf(body) } }, e));
  }

  @Put('macros/:id') @HttpCode(200) @Allow('macros.change')
  @ApiOperation({ summary: 'Change a macro: its whole next version' })
  async change(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() body: MacroContentDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.run(id, { type: 'ChangeMacro', data: { content: contentOf(body) } }, e));
  }

  @Post('macros/:id/retire') @HttpCode(200) @Allow('macros.retire')
  @ApiOperation({ summary: 'Retire a macro: no longer offered or applied; its history stays' })
  async retire(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() body: RetireMacroDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.run(id, { type: 'RetireMacro', data: { reason: body.reason ?? null } }, e));
  }

  @Post('tickets/:id/macros/:macroId') @HttpCode(200) @Allow('tickets.macro')
  @ApiOperation({ summary: 'Apply a macro to a ticket: its reply (in the customer’s language, placeholders filled) and its field changes, as one change' })
  async apply(@CurrentPrincipal() principal: Principal, @Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Param('macroId') macroId: string, @Res({ passthrough: true }) res: Response) {
    if (!MACRO_ID.test(macroId)) throw macroNotFound(macroId.slice(0, 80));
    // The ticket is read from the event store by the runner (reach checked there): a ticket just submitted takes a macro.
    const result = await this.commands.execute(new ApplyMacroCommand(id, macroId, principal.name || principal.id, e));
    return commandResponse(result, res);
  }

  private run(id: string, command: MacroCommand, e: CommandEnvelope): Promise<StreamResult<MacroState>> {
    if (command.type !== 'CreateMacro' && !MACRO_ID.test(id)) throw macroNotFound(id.slice(0, 80));
    const { actor, correlationId, expectedRevision, idempotencyKey, request } = e;
    return this.commands.execute(new RunMacroCommand(id, command, { actor, correlationId, expectedRevision, idempotencyKey, request }));
  }

  private answer(res: Response, result: StreamResult<MacroState>) {
    res.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { id: result.id, revision: result.revision, position: result.position?.toString() ?? null, version: result.state?.version ?? null };
  }
}
