import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { hashNew } from '../auth/sign-in.service';
import { correlationIdOf } from '../http/command-envelope.decorator';
import { problem } from '../http/problem';
import { CustomerAccessService } from './customer-access.service';
import { SetFirstPasswordDto, StartCustomerSignInDto, VerifyCustomerEmailDto } from './dto/customer-access.dto';

const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');

/** Customers sign up and sign in by email: a one-time link and code, then optionally a password. */
@ApiTags('customers')
@Controller('auth/customer')
export class CustomerAccessController {
  constructor(private readonly access: CustomerAccessService) {}

  @Post('start') @HttpCode(202) @Allow('customers.start')
  @ApiOperation({ summary: 'Send a one-time sign-in link and code to an email address (the same answer for every address)' })
  start(@Body() body: StartCustomerSignInDto, @Req() req: Request) {
    return this.access.request({ email: body.email, language: body.language, purpose: 'sign_in' }, req.ip ?? 'unknown', correlationIdOf(req));
  }

  @Post('verify') @HttpCode(200) @Allow('customers.verify')
  @ApiOperation({ summary: 'Prove the address with the link’s token or the code: signs in (the first time, creates the customer account); files a web-form ticket waiting on it' })
  verify(@Body() body: VerifyCustomerEmailDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noStore(res);
    const proof = body.token ? { token: body.token } : body.email && body.code ? { email: body.email, code: body.code } : null;
    if (!proof) throw problem(400, 'validation-failed', 'Invalid request', 'Send the link’s token, or the email and the code.');
    return this.access.verify(proof, req.ip ?? 'unknown', correlationIdOf(req));
  }

  @Post('password') @HttpCode(204) @Allow('customers.password')
  @ApiOperation({ summary: 'Set a first password on a customer account made by email (to change one, POST /auth/password)' })
  async setPassword(@CurrentPrincipal() principal: Principal, @Body() body: SetFirstPasswordDto, @Req() req: Request) {
    await this.access.setFirstPassword(principal.id, await hashNew(body.password), correlationIdOf(req));
  }
}
