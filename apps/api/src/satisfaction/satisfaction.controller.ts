import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { CommandEnvelope } from '@helpdesk/application';
import { Allow } from '../auth/policy';
import { correlationIdOf, Envelope } from '../http/command-envelope.decorator';
import { commandResponse } from '../tickets/command-response';
import { ChangeTicketCommand } from '../tickets/commands/change-ticket.command';
import { TicketIdPipe } from '../tickets/ticket-id.pipe';
import { RateSatisfactionDto } from './dto/rate-satisfaction.dto';
import { SatisfactionService } from './satisfaction.service';

@ApiTags('satisfaction')
@Controller()
export class SatisfactionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly satisfaction: SatisfactionService,
  ) {}

  @Post('tickets/:id/satisfaction') @HttpCode(200) @Allow('tickets.satisfaction')
  @ApiOperation({ summary: 'The ticket’s customer rates its latest resolution 1-5 (again, to change it, until the rating is final)' })
  async rateSignedIn(@Envelope() e: CommandEnvelope, @Param('id', TicketIdPipe) id: string, @Body() b: RateSatisfactionDto, @Res({ passthrough: true }) res: Response) {
    const data = { score: b.score, ...(b.comment !== undefined ? { comment: b.comment } : {}) };
    return commandResponse(await this.commands.execute(new ChangeTicketCommand(id, { type: 'RateSatisfaction', data }, e)), res);
  }

  @Get('satisfaction/:token') @Allow('satisfaction.page')
  @ApiOperation({ summary: 'What a rating link is about: ticket number, subject, current score, until when it can change, whether it is final. Records nothing' })
  page(@Param('token') token: string) {
    return this.satisfaction.page(token);
  }

  @Post('satisfaction/:token') @HttpCode(200) @Allow('satisfaction.rate')
  @ApiOperation({ summary: 'Rate by link: records the score (and comment) as the ticket’s customer' })
  async rateByLink(@Param('token') token: string, @Body() b: RateSatisfactionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.satisfaction.rate(token, b, correlationIdOf(req));
    return { ...commandResponse(result, res), score: result.score, changeableUntil: result.changeableUntil };
  }
}
