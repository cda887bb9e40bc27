import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CommandEnvelope, StreamResult } from '@helpdesk/application';
import { RuleCommand, ruleNotFound, RuleState, validRuleContent } from '@helpdesk/automation';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { AUTOMATION_RULES, AutomationRuleView } from '@helpdesk/projections';
import { Settings, SETTINGS } from '../config/settings';
import { Allow } from '../auth/policy';
import { Envelope } from '../http/command-envelope.decorator';
import { present } from '../queries/present';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { BacktestDraftDto, BacktestRuleDto } from './dto/rule-backtest.dto';
import { CreateRuleDto, DisableRuleDto, ReorderRuleDto, ruleContentOf, RuleContentDto, RULE_ORDER_MAX } from './dto/rule.dto';
import { RuleListQuery } from './dto/rule-queries';
import { RuleBacktestService } from './rule-backtest.service';
import { RunRuleCommand } from './rule-commands';
import { readRule } from './rule-stream';

/** Rules derived from an Idempotency-Key get the same id on every retry. */
const RULE_ID_NAMESPACE = '0c8e5b2a-4f3d-4e6a-9b1c-7d2e8f4a6b3c';
const RULE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A new rule's default order: this far after the last, so one can be put between them. */
const ORDER_STEP = 10;
const DEFAULT_BACKTEST_DAYS = 7;

@ApiTags('automation')
@UseInterceptors(ConsistencyInterceptor)
@Controller('automation/rules')
export class AutomationRulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModels,
    private readonly engine: ProjectionEngine,
    private readonly backtests: RuleBacktestService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Get() @Allow('automation.rules.list')
  @ReadsFrom(AUTOMATION_RULES)
  @ApiOperation({ summary: 'Every automation rule, drafts too, in the order they run (order, then id)' })
  async list(@Query() q: RuleListQuery) {
    const filter: Record<string, unknown> = {};
    if (q.enabled) filter.enabled = q.enabled === 'true';
    if (q.kind) filter.kind = q.kind;
    // The order rules run in (byRuleOrder): by order, then by id.
    const rules = await (await this.readModels.collection<AutomationRuleView>(AUTOMATION_RULES)).find(filter, { sort: { order: 1, _id: 1 }, limit: 1000 });
    return { items: rules.map(present) };
  }

  @Get(':id') @Allow('automation.rules.get')
  @ReadsFrom(AUTOMATION_RULES)
  @ApiOperation({ summary: 'One rule at its current version (ETag: its revision, for If-Match)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const rule = RULE_ID.test(id) ? await (await this.readModels.collection<AutomationRuleView>(AUTOMATION_RULES)).findOne({ _id: id }) : null;
    if (!rule) throw ruleNotFound(id.slice(0, 80));
    res.setHeader('ETag', `"${rule.revision}"`);
    return present(rule);
  }

  @Post() @HttpCode(201) @Allow('automation.rules.create')
  @ApiOperation({ summary: 'Write a rule: a trigger (events) or a time-based rule (schedule), with conditions and actions; a draft unless enabled' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers the same rule' })
  async create(@Envelope() e: CommandEnvelope, @Body() body: CreateRuleDto, @Res({ passthrough: true }) res: Response) {
    const ruleId = e.idempotencyKey ? uuidv5(`${e.actor.id}\u0000${e.idempotencyKey}`, RULE_ID_NAMESPACE) : randomUUID();
    const order = body.order ?? (await this.afterTheLast());
    const command: RuleCommand = { type: 'CreateRule', data: { ruleId, content: ruleContentOf(body), order, enabled: body.enabled ?? false } };
    return this.answer(res, await this.run(ruleId, command, e));
  }

  @Put(':id') @HttpCode(200) @Allow('automation.rules.change')
  @ApiOperation({ summary: 'Change a rule: its whole next version (If-Match: the revision seen)' })
  async change(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() body: RuleContentDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.run(id, { type: 'ChangeRule', data: { content: ruleContentOf(body) } }, e));
  }

  @Post(':id/enable') @HttpCode(200) @Allow('automation.rules.enable')
  @ApiOperation({ summary: 'Put a rule live: from now on it fires' })
  async enable(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.run(id, { type: 'EnableRule', data: {} }, e));
  }

  @Post(':id/disable') @HttpCode(200) @Allow('automation.rules.disable')
  @ApiOperation({ summary: 'Stop a rule firing; it stays, and can be enabled again' })
  async disable(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() body: DisableRuleDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.run(id, { type: 'DisableRule', data: { reason: body.reason ?? null } }, e));
  }

  @Post(':id/reorder') @HttpCode(200) @Allow('automation.rules.reorder')
  @ApiOperation({ summary: 'Move a rule in the running order (lower runs first)' })
  async reorder(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() body: ReorderRuleDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.run(id, { type: 'ReorderRule', data: { order: body.order } }, e));
  }

  @Post('backtest') @HttpCode(200) @Allow('automation.rules.backtestDraft')
  @ApiOperation({ summary: 'Backtest a draft: replay the last days of ticket events against it; which tickets it would have matched and what it would have done. Writes nothing' })
  async backtestDraft(@Body() body: BacktestDraftDto) {
    const content = validRuleContent(ruleContentOf(body.rule));
    return this.backtests.run({ id: 'draft', version: 0, content, enabled: true, order: 0 }, body.days ?? DEFAULT_BACKTEST_DAYS);
  }

  @Post(':id/backtest') @HttpCode(200) @Allow('automation.rules.backtest')
  @ApiOperation({ summary: 'Backtest a rule’s current version (read from its stream) over the last days. Writes nothing' })
  async backtest(@Param('id') id: string, @Body() body: BacktestRuleDto) {
    const rule = RULE_ID.test(id) ? await readRule(this.store, id) : null;
    if (!rule) throw ruleNotFound(id.slice(0, 80));
    return this.backtests.run(rule, body.days ?? DEFAULT_BACKTEST_DAYS);
  }

  /** After the last rule: the read model is waited on (bounded) so a rule just written counts. */
  private async afterTheLast(): Promise<number> {
    await this.engine.waitFor(await this.store.headPosition(), [AUTOMATION_RULES], this.settings.CONSISTENCY_WAIT_MS);
    const [last] = await (await this.readModels.collection<AutomationRuleView>(AUTOMATION_RULES)).find({}, { sort: { order: -1 }, limit: 1 });
    return last ? Math.min(last.order + ORDER_STEP, RULE_ORDER_MAX) : ORDER_STEP;
  }

  private run(id: string, command: RuleCommand, e: CommandEnvelope): Promise<StreamResult<RuleState>> {
    if (command.type !== 'CreateRule' && !RULE_ID.test(id)) throw ruleNotFound(id.slice(0, 80));
    const { actor, correlationId, expectedRevision, idempotencyKey, request } = e;
    return this.commands.execute(new RunRuleCommand(id, command, { actor, correlationId, expectedRevision, idempotencyKey, request }));
  }

  private answer(res: Response, result: StreamResult<RuleState>) {
    res.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { id: result.id, revision: result.revision, position: result.position?.toString() ?? null, version: result.state?.version ?? null };
  }
}
