import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { UserAccounts, UserEnvelope } from '@helpdesk/application';
import { AccountEnvelope, correlationIdOf } from '../http/command-envelope.decorator';
import { apiTokenList, issueApiToken, revokeApiToken } from './api-tokens';
import { ChangePasswordDto, IssueApiTokenDto, LoginDto, RefreshDto } from './dto/auth.dto';
import { Allow } from './policy';
import { CurrentPrincipal, Principal } from './principal';
import { profileOf, SignInService } from './sign-in.service';
import { TokenIdPipe } from './user-id.pipe';

/** Tokens are secrets: no cache may keep a response that carries one (RFC 6749 §5.1). */
const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly accounts: UserAccounts,
  ) {}

  @Post('login') @HttpCode(200) @Allow('auth.login')
  @ApiOperation({ summary: 'Sign in with email and password: a short-lived access token and a refresh token' })
  login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    return this.signIn.login(body.email, body.password, req.ip ?? 'unknown', correlationIdOf(req));
  }

  @Post('refresh') @HttpCode(200) @Allow('auth.refresh')
  @ApiOperation({ summary: 'A new access token and a new refresh token for a refresh token (each refresh token is good once)' })
  refresh(@Body() body: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    return this.signIn.refresh(body.refreshToken, correlationIdOf(req));
  }

  @Post('logout') @HttpCode(204) @Allow('auth.logout')
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    await this.signIn.logout(principal, correlationIdOf(req));
  }

  @Get('me') @Allow('auth.me')
  @ApiOperation({ summary: 'Who you are signed in as' })
  me(@CurrentPrincipal() principal: Principal) {
    const { credential } = principal;
    return { ...profileOf(principal), credential: credential.kind === 'session' ? { kind: 'session' } : { kind: 'api_token', tokenId: credential.tokenId } };
  }

  @Post('password') @HttpCode(204) @Allow('auth.password')
  @ApiOperation({ summary: 'Change your password; every session ends (sign in again)' })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @Req() req: Request) {
    await this.signIn.changePassword(principal, body.currentPassword, body.newPassword, req.ip ?? 'unknown', correlationIdOf(req));
  }

  @Get('api-tokens') @Allow('auth.apiTokens.list')
  @ApiOperation({ summary: 'Your API tokens (never their secrets)' })
  async listApiTokens(@CurrentPrincipal() principal: Principal) {
    return apiTokenList(this.accounts, principal.id);
  }

  @Post('api-tokens') @Allow('auth.apiTokens.issue')
  @ApiOperation({ summary: 'Issue an API token for yourself; the token is in this response only' })
  issueApiToken(@CurrentPrincipal() principal: Principal, @AccountEnvelope() envelope: UserEnvelope, @Body() body: IssueApiTokenDto, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    return issueApiToken(this.accounts, principal.id, body, envelope);
  }

  @Delete('api-tokens/:tokenId') @HttpCode(204) @Allow('auth.apiTokens.revoke')
  @ApiOperation({ summary: 'Revoke one of your API tokens; it stops working at once' })
  async revokeApiToken(@CurrentPrincipal() principal: Principal, @AccountEnvelope() envelope: UserEnvelope, @Param('tokenId', TokenIdPipe) tokenId: string) {
    await revokeApiToken(this.accounts, principal.id, tokenId, envelope);
  }
}
