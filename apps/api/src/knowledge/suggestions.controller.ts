import { Body, Controller, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { SESSION_ID, SuggestionCommand } from '@helpdesk/knowledge';
import { ReadModels } from '@helpdesk/projection-engine';
import { KNOWLEDGE, TICKETS } from '@helpdesk/projections';
import { isStaff } from '@helpdesk/ticketing';
import { Authenticator } from '../auth/authenticator';
import { Allow } from '../auth/policy';
import { correlationIdOf } from '../http/command-envelope.decorator';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { readableTicket } from '../queries/ticket-access';
import { FiledDto, SessionArticleDto, SuggestDto } from './dto/knowledge.dto';
import { KnowledgeCommandRunner } from './knowledge-command-runner';
import { callerOf } from './knowledge-reader';
import { KnowledgeReadModels } from './knowledge-read-models';

/**
 * Suggestions while a ticket is written or read, and what became of them: each call records
 * its fact on the session's own stream (`suggestion-<id>`), so deflection is counted from events.
 */
@ApiTags('knowledge base')
@Controller('kb/suggestions')
export class SuggestionsController {
  constructor(
    private readonly runner: KnowledgeCommandRunner,
    private readonly kb: KnowledgeReadModels,
    private readonly readModels: ReadModels,
    private readonly authenticator: Authenticator,
  ) {}

  @Post() @HttpCode(200) @Allow('kb.suggestions.suggest')
  @ReadsFrom(KNOWLEDGE, TICKETS) @UseInterceptors(ConsistencyInterceptor)
  @ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith: waits until the articles (and the ticket) written up to that position can be found' })
  @ApiOperation({ summary: 'The published articles most relevant to what is being typed; records what was suggested (or that nothing was found)' })
  async suggest(@Req() request: Request, @Body() body: SuggestDto) {
    const caller = await callerOf(request, this.authenticator);
    let ticketId: string | null = null;
    if (body.context === 'agent_ticket') {
      if (!caller.principal || !isStaff(caller.principal.role)) throw problem(403, 'not-allowed', 'Not allowed', 'Suggestions for a ticket being read are for support staff.');
      ticketId = (await readableTicket(this.readModels, caller.principal, body.ticketId ?? ''))._id;
    }
    const page = await this.kb.search({ text: body.text, reader: caller.reader, language: body.language, match: 'any', limit: body.limit ?? 5 });
    const result = await this.runner.suggestion(body.sessionId, { type: 'SuggestArticles', data: { sessionId: body.sessionId, context: body.context, query: body.text, language: body.language, articleIds: page.items.map((i) => i.articleId), ticketId } }, { actor: caller.actor, correlationId: correlationIdOf(request) });
    return { sessionId: body.sessionId, items: page.items, recorded: result.appended, position: result.position?.toString() ?? null };
  }

  @Post(':sessionId/opened') @HttpCode(200) @Allow('kb.suggestions.opened')
  @ApiOperation({ summary: 'A suggested article was opened' })
  opened(@Req() request: Request, @Param('sessionId') sessionId: string, @Body() body: SessionArticleDto) {
    return this.record(request, sessionId, { type: 'OpenSuggestedArticle', data: { articleId: body.articleId } });
  }

  @Post(':sessionId/deflected') @HttpCode(200) @Allow('kb.suggestions.deflected')
  @ApiOperation({ summary: 'The suggested article answered the question: no ticket is filed (a deflection)' })
  deflected(@Req() request: Request, @Param('sessionId') sessionId: string, @Body() body: SessionArticleDto) {
    return this.record(request, sessionId, { type: 'DeflectTicket', data: { articleId: body.articleId } });
  }

  @Post(':sessionId/filed') @HttpCode(200) @Allow('kb.suggestions.filed')
  @ReadsFrom(TICKETS) @UseInterceptors(ConsistencyInterceptor)
  @ApiHeader({ name: 'X-Consistent-With', required: false, description: 'The position filing the ticket returned: waits until the ticket can be read' })
  @ApiOperation({ summary: 'The ticket was filed after all (the web form calls it with the new ticket)' })
  async filed(@Req() request: Request, @Param('sessionId') sessionId: string, @Body() body: FiledDto) {
    const caller = await callerOf(request, this.authenticator);
    if (!caller.principal) throw problem(401, 'unauthenticated', 'Not signed in', 'Sign in first: the ticket filed must be yours to name.');
    const ticket = await readableTicket(this.readModels, caller.principal, body.ticketId);
    return this.record(request, sessionId, { type: 'FileTicketAfterSuggestion', data: { ticketId: ticket._id } });
  }

  private async record(request: Request, sessionId: string, command: SuggestionCommand) {
    if (!SESSION_ID.test(sessionId)) throw problem(404, 'suggestion-session-not-found', 'Not found', 'No articles were suggested in this session.');
    const caller = await callerOf(request, this.authenticator);
    const result = await this.runner.suggestion(sessionId, command, { actor: caller.actor, correlationId: correlationIdOf(request) });
    return { sessionId, recorded: result.appended, position: result.position?.toString() ?? null };
  }
}
