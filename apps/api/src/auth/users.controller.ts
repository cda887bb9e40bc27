import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandResult, UserAccounts, UserCommandResult, UserEnvelope } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { User, UserCommand, userNotFound, userStreamId } from '@helpdesk/identity';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { USERS, UserView } from '@helpdesk/projections';
import { Inject } from '@nestjs/common';
import { AccountEnvelope } from '../http/command-envelope.decorator';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { present } from '../queries/present';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { apiTokenList, issueApiToken, revokeApiToken } from './api-tokens';
import { IssueApiTokenDto } from './dto/auth.dto';
import { ChangeRoleDto, ChangeTeamsDto, EmptyDto, OptionalReasonDto, RegisterUserDto, SetPasswordDto, UserListQuery } from './dto/users.dto';
import { Allow } from './policy';
import { CurrentPrincipal, Principal } from './principal';
import { hashNew, profileOf } from './sign-in.service';
import { TokenIdPipe, UserIdPipe } from './user-id.pipe';

type Change = Exclude<UserCommand, { type: 'RegisterUser' }>;

/** Account administration: admins manage every account, supervisors agent accounts. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get() @Allow('users.list') @ReadsFrom(USERS) @UseInterceptors(ConsistencyInterceptor)
  @ApiOperation({ summary: 'Accounts, by email; supervisors see agents' })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: UserListQuery) {
    const role = principal.role === 'supervisor' ? 'agent' : q.role;
    if (principal.role === 'supervisor' && q.role && q.role !== 'agent') return { items: [], nextCursor: null };
    const filter: Filter = role ? { role } : {};
    const users = await this.readModels.collection<UserView>(USERS);
    const page = await users.findPage(filter, { sort: { email: 1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(present), nextCursor: page.nextCursor ?? null };
  }

  @Get(':id') @Allow('users.get')
  @ApiOperation({ summary: 'One account as of now' })
  async one(@CurrentPrincipal() principal: Principal, @Param('id', UserIdPipe) id: string) {
    const user = await this.visible(principal, id);
    return { ...profileOf(user), active: user.active, hasPassword: user.passwordHash !== null, registeredAt: user.registeredAt, apiTokens: await apiTokenList(this.accounts, id) };
  }

  @Get(':id/events') @Allow('users.events')
  @ApiOperation({ summary: 'The account’s history: every event, who and when (hashes left out)' })
  async events(@Param('id', UserIdPipe) id: string) {
    const events = await this.store.readStream(userStreamId(id));
    if (events.length === 0) throw userNotFound(id);
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      revision: e.revision,
      position: e.position.toString(),
      recordedAt: e.recordedAt.toISOString(),
      data: withoutHashes(e.data),
      metadata: e.metadata,
    }));
  }

  @Post() @Allow('users.register')
  @ApiOperation({ summary: 'Create an account' })
  async register(@AccountEnvelope() envelope: UserEnvelope, @Body() body: RegisterUserDto, @Res({ passthrough: true }) res: Response) {
    const passwordHash = body.password !== undefined ? await hashNew(body.password) : null;
    const result = await this.accounts.register(
      { userId: randomUUID(), email: body.email, name: body.name, role: body.role, teams: body.teams ?? [], passwordHash },
      envelope,
    );
    return answer(result, res);
  }

  @Post(':id/role') @HttpCode(200) @Allow('users.role')
  role(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() b: ChangeRoleDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ChangeRole', data: { role: b.role } }, e, res);
  }

  @Post(':id/teams') @HttpCode(200) @Allow('users.teams')
  teams(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() b: ChangeTeamsDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ChangeTeams', data: { teams: b.teams } }, e, res);
  }

  @Post(':id/deactivate') @HttpCode(200) @Allow('users.deactivate')
  deactivate(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() b: OptionalReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'DeactivateUser', data: { reason: b.reason } }, e, res);
  }

  @Post(':id/reactivate') @HttpCode(200) @Allow('users.reactivate')
  reactivate(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() _b: EmptyDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'ReactivateUser', data: {} }, e, res);
  }

  @Post(':id/password') @HttpCode(200) @Allow('users.password')
  async password(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() b: SetPasswordDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'SetPassword', data: { passwordHash: await hashNew(b.password) } }, e, res);
  }

  @Post(':id/pii-access') @HttpCode(200) @Allow('users.piiAccess.grant')
  grantPii(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() b: OptionalReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'GrantPiiAccess', data: { reason: b.reason } }, e, res);
  }

  @Delete(':id/pii-access') @HttpCode(200) @Allow('users.piiAccess.revoke')
  revokePii(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Res({ passthrough: true }) res: Response) {
    return this.change(id, { type: 'RevokePiiAccess', data: {} }, e, res);
  }

  @Post(':id/api-tokens') @Allow('users.apiTokens.issue')
  @ApiOperation({ summary: 'Issue an API token for this account (e.g. an integration); the token is in this response only' })
  issueToken(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Body() b: IssueApiTokenDto, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    return issueApiToken(this.accounts, id, b, e);
  }

  @Delete(':id/api-tokens/:tokenId') @HttpCode(200) @Allow('users.apiTokens.revoke')
  async revokeToken(@AccountEnvelope() e: UserEnvelope, @Param('id', UserIdPipe) id: string, @Param('tokenId', TokenIdPipe) tokenId: string, @Res({ passthrough: true }) res: Response) {
    return answer(await revokeApiToken(this.accounts, id, tokenId, e), res);
  }

  /** Supervisors see agent accounts only; anything else does not exist for them. */
  private async visible(principal: Principal, id: string): Promise<User> {
    const found = await this.accounts.directory.get(id);
    if (!found || (principal.role === 'supervisor' && found.user.role !== 'agent')) throw userNotFound(id);
    return found.user;
  }

  private async change(id: string, command: Change, envelope: UserEnvelope, res: Response) {
    return answer(await this.accounts.execute(id, command, envelope), res);
  }
}

function answer(result: UserCommandResult, res: Response): Pick<CommandResult, 'id' | 'revision'> & { position: string } {
  res.setHeader('ETag', `"${result.revision}"`);
  return { id: result.user.id, revision: result.revision, position: result.position.toString() };
}

/** Event data without any hash: what an account's history may show. */
function withoutHashes(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => (/hash$/i.test(k) ? [k, v === null ? null : '(hidden)'] : [k, v])));
}
