import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CommandEnvelope } from '@helpdesk/application';
import { ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, AgentView, AgentWorkload, WORKLOAD } from '@helpdesk/projections';
import { AgentCommand, agentNotFound } from '@helpdesk/routing';
import { Allow } from '../auth/policy';
import { Envelope } from '../http/command-envelope.decorator';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ConsistentQuery } from '../queries/dto/query-params';
import { present } from '../queries/present';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { ChangeAgentCommand } from './change-agent.handler';
import { AvailabilityDto, CapDto, LanguagesDto, AgentReasonDto, RegisterAgentDto, SkillsDto, WorkingHoursDto } from './dto/agent.dto';

/** The roster: supervisors register agents and set skills, languages, caps and hours; agents set their own availability. */
@ApiTags('agents')
@Controller('agents')
export class AgentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModels,
  ) {}

  @Post() @Allow('agents.register')
  @ApiOperation({ summary: 'Register an agent (supervisors, admins)' })
  register(@Envelope() e: CommandEnvelope, @Body() b: RegisterAgentDto, @Res({ passthrough: true }) res: Response) {
    const { agentId, ...data } = b;
    res.status(201);
    return this.change(agentId, { type: 'RegisterAgent', data: { agentId, ...data } }, e, res);
  }

  @Post(':id/skills') @HttpCode(200) @Allow('agents.skills')
  skills(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: SkillsDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'UpdateAgentSkills', data: { skills: b.skills } }, e, res);
  }

  @Post(':id/languages') @HttpCode(200) @Allow('agents.languages')
  languages(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: LanguagesDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'UpdateAgentLanguages', data: { languages: b.languages } }, e, res);
  }

  @Post(':id/cap') @HttpCode(200) @Allow('agents.cap')
  cap(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: CapDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'UpdateAgentCap', data: { maxOpenTickets: b.maxOpenTickets } }, e, res);
  }

  @Post(':id/hours') @HttpCode(200) @Allow('agents.hours')
  hours(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: WorkingHoursDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'UpdateAgentWorkingHours', data: { workingHours: b.workingHours, ...(b.timeZone ? { timeZone: b.timeZone } : {}) } }, e, res);
  }

  @Post(':id/availability') @HttpCode(200) @Allow('agents.availability')
  availability(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: AvailabilityDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'SetAgentAvailability', data: { availability: b.availability } }, e, res);
  }

  @Post(':id/deactivate') @HttpCode(200) @Allow('agents.deactivate')
  deactivate(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: AgentReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'DeactivateAgent', data: { reason: b.reason } }, e, res);
  }

  @Post(':id/reactivate') @HttpCode(200) @Allow('agents.reactivate')
  reactivate(@Envelope() e: CommandEnvelope, @Param('id') id: string, @Body() b: AgentReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ReactivateAgent', data: { reason: b.reason } }, e, res);
  }

  @Get() @Allow('agents.list')
  @UseInterceptors(ConsistencyInterceptor)
  @ReadsFrom(AGENTS, WORKLOAD)
  @ApiOperation({ summary: 'The roster with each agent’s live workload (open tickets, per status)' })
  async list(@Query() _q: ConsistentQuery) {
    const agents = await (await this.readModels.collection<AgentView>(AGENTS)).find({}, { sort: { _id: 1 }, limit: 1000 });
    const workloads = new Map((await (await this.readModels.collection<AgentWorkload>(WORKLOAD)).find({}, { limit: 10000 })).map((w) => [w._id, w]));
    return { items: agents.map((a) => withWorkload(a, workloads.get(a._id))) };
  }

  @Get(':id') @Allow('agents.get')
  @UseInterceptors(ConsistencyInterceptor)
  @ReadsFrom(AGENTS, WORKLOAD)
  @ApiOperation({ summary: 'One agent with their live workload' })
  async one(@Param('id') id: string, @Query() _q: ConsistentQuery) {
    const agent = await (await this.readModels.collection<AgentView>(AGENTS)).findOne({ _id: id });
    if (!agent) throw agentNotFound();
    return withWorkload(agent, (await (await this.readModels.collection<AgentWorkload>(WORKLOAD)).findOne({ _id: id })) ?? undefined);
  }

  private async change(id: string, command: AgentCommand, e: CommandEnvelope, res: Response) {
    const result = await this.commands.execute(new ChangeAgentCommand(id, command, { actor: e.actor, correlationId: e.correlationId, expectedRevision: e.expectedRevision }));
    res.setHeader('ETag', `"${result.revision}"`);
    return { id: result.id, revision: result.revision, position: result.position.toString() };
  }
}

function withWorkload(agent: AgentView, workload: AgentWorkload | undefined) {
  const { agentId, ...rest } = present(agent);
  return { ...rest, id: agentId, openTickets: workload?.open ?? 0, openByStatus: workload?.byStatus ?? {} };
}
