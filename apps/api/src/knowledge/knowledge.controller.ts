import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ARTICLE_ID, ArticleCommand, KnowledgeError } from '@helpdesk/knowledge';
import { ArticleVersionView, ArticleView, KB_ARTICLES, KB_TICKET_LINKS, KB_VERSIONS, KNOWLEDGE, TicketLinksView, TICKETS } from '@helpdesk/projections';
import { isStaff } from '@helpdesk/ticketing';
import { Authenticator } from '../auth/authenticator';
import { Allow } from '../auth/policy';
import { actorOf, CurrentPrincipal, Principal } from '../auth/principal';
import { correlationIdOf, parseIfMatch } from '../http/command-envelope.decorator';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { readableTicket } from '../queries/ticket-access';
import { ReadModels } from '@helpdesk/projection-engine';
import { ArticleListQuery, DraftArticleDto, DraftFromTicketDto, EditArticleDto, LinkArticleDto, PublishArticleDto, ArticleStatusReasonDto, SearchQueryDto, ViewDto, VoteDto } from './dto/knowledge.dto';
import { KnowledgeCommandRunner, KnowledgeEnvelope, KnowledgeResult } from './knowledge-command-runner';
import { callerOf } from './knowledge-reader';
import { KnowledgeReadModels } from './knowledge-read-models';
import { articleFor } from './present-article';


@ApiTags('knowledge base')
@UseInterceptors(ConsistencyInterceptor)
@Controller()
export class KnowledgeController {
  constructor(
    private readonly runner: KnowledgeCommandRunner,
    private readonly kb: KnowledgeReadModels,
    private readonly readModels: ReadModels,
    private readonly authenticator: Authenticator,
  ) {}

  @Get('kb/search') @Allow('kb.search')
  @ReadsFrom(KNOWLEDGE)
  @ApiOperation({ summary: 'Published articles matching the words, best first, matches highlighted; customers and visitors get public ones only' })
  async search(@Req() request: Request, @Query() q: SearchQueryDto) {
    const caller = await callerOf(request, this.authenticator);
    const page = await this.kb.search({ text: q.q, reader: caller.reader, language: q.language, category: q.category, limit: q.limit, cursor: q.cursor });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Get('kb/articles') @Allow('kb.articles.list')
  @ReadsFrom(KNOWLEDGE)
  @ApiOperation({ summary: 'Every article, newest change first, by status' })
  async list(@Query() q: ArticleListQuery) {
    const articles = await this.kb.collection<ArticleView>(KB_ARTICLES);
    const filter = q.status ? { status: q.status } : {};
    const page = await articles.findPage(filter, { sort: { updatedAt: -1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map((a) => articleFor(a, 'staff')), nextCursor: page.nextCursor ?? null };
  }

  @Get('kb/articles/:id') @Allow('kb.articles.get')
  @ReadsFrom(KNOWLEDGE)
  @ApiOperation({ summary: 'An article: its published version (customers, visitors), and its newest version and history (staff)' })
  async get(@Req() request: Request, @Param('id') id: string) {
    const caller = await callerOf(request, this.authenticator);
    const article = await this.findArticle(id);
    const shown = article && articleFor(article, caller.reader);
    if (!shown) throw notFound(id);
    return shown;
  }

  @Get('kb/articles/:id/versions/:version') @Allow('kb.articles.version')
  @ReadsFrom(KNOWLEDGE)
  @ApiOperation({ summary: 'One version of an article as it was written' })
  async version(@Param('id') id: string, @Param('version') version: string) {
    if (!ARTICLE_ID.test(id) || !/^\d{1,9}$/.test(version)) throw notFound(id.slice(0, 80));
    const found = await (await this.kb.collection<ArticleVersionView>(KB_VERSIONS)).findOne({ _id: `${id}:${Number(version)}` });
    if (!found) throw problem(404, 'article-version-not-found', 'Version not found', `Article ${id} has no version ${version}.`);
    return { articleId: id, version: found.version, content: found.content };
  }

  @Post('kb/articles') @HttpCode(201) @Allow('kb.articles.draft')
  @ApiOperation({ summary: 'Draft an article (agents propose; supervisors and admins publish)' })
  async draft(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Body() body: DraftArticleDto, @Res({ passthrough: true }) res: Response) {
    const articleId = body.articleId ?? randomUUID();
    return this.answer(res, await this.article(articleId, { type: 'DraftArticle', data: { ...body, articleId } }, principal, request));
  }

  @Post('kb/articles/from-ticket') @HttpCode(201) @Allow('kb.articles.fromTicket')
  @ApiOperation({ summary: 'Draft an article from a resolved ticket: its subject as the title, its resolution as the starting text' })
  async fromTicket(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Body() body: DraftFromTicketDto, @Res({ passthrough: true }) res: Response) {
    const ticket = await readableTicket(this.readModels, principal, body.ticketId);
    if (!ticket.resolution || !['resolved', 'closed'].includes(ticket.status)) {
      throw problem(409, 'ticket-not-resolved', 'Ticket not resolved', `Ticket ${ticket.number} has no resolution yet; resolve it first.`);
    }
    const text = [`## ${ticket.subject}`, '', ticket.description, '', '## Resolution', '', ticket.resolution].join('\n');
    const articleId = `from-${ticket.number.toLowerCase()}`;
    const command: ArticleCommand = { type: 'DraftArticle', data: { articleId, language: body.language ?? 'en', title: ticket.subject, body: text, category: ticket.category ?? 'general', audience: body.audience ?? 'internal', sourceTicketId: ticket._id } };
    return this.answer(res, await this.article(articleId, command, principal, request));
  }

  @Post('kb/articles/:id/edits') @HttpCode(200) @Allow('kb.articles.edit')
  @ApiOperation({ summary: 'Edit an article or add a translation: a new version (the published one stays until published again)' })
  async edit(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Param('id') id: string, @Body() body: EditArticleDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.article(id, { type: 'EditArticle', data: body }, principal, request));
  }

  @Post('kb/articles/:id/publish') @HttpCode(200) @Allow('kb.articles.publish')
  @ApiOperation({ summary: 'Publish a version (the newest by default)' })
  async publish(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Param('id') id: string, @Body() body: PublishArticleDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.article(id, { type: 'PublishArticle', data: body }, principal, request));
  }

  @Post('kb/articles/:id/unpublish') @HttpCode(200) @Allow('kb.articles.unpublish')
  @ApiOperation({ summary: 'Take an article down (readers and search no longer see it)' })
  async unpublish(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Param('id') id: string, @Body() body: ArticleStatusReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.article(id, { type: 'UnpublishArticle', data: body }, principal, request));
  }

  @Post('kb/articles/:id/archive') @HttpCode(200) @Allow('kb.articles.archive')
  @ApiOperation({ summary: 'Archive an article for good' })
  async archive(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Param('id') id: string, @Body() body: ArticleStatusReasonDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.article(id, { type: 'ArchiveArticle', data: body }, principal, request));
  }

  @Post('kb/articles/:id/links') @HttpCode(200) @Allow('kb.articles.link')
  @ReadsFrom(TICKETS)
  @ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith: waits until the ticket written up to that position can be read' })
  @ApiOperation({ summary: 'Link a published article to a ticket within reach' })
  async link(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Param('id') id: string, @Body() body: LinkArticleDto, @Res({ passthrough: true }) res: Response) {
    const ticket = await readableTicket(this.readModels, principal, body.ticketId);
    return this.answer(res, await this.article(id, { type: 'LinkArticleToTicket', data: { ticketId: ticket._id } }, principal, request));
  }

  @Get('tickets/:id/articles') @Allow('tickets.articles')
  @ReadsFrom(KNOWLEDGE, TICKETS)
  @ApiOperation({ summary: 'The articles linked to a ticket (customers: the public ones)' })
  async ticketArticles(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const ticket = await readableTicket(this.readModels, principal, id);
    const links = await (await this.kb.collection<TicketLinksView>(KB_TICKET_LINKS)).findOne({ _id: ticket._id });
    const articles = await this.kb.collection<ArticleView>(KB_ARTICLES);
    const items = [];
    for (const link of links?.articles ?? []) {
      const article = await articles.findOne({ _id: link.articleId });
      const shown = article && articleFor(article, isStaff(principal.role) ? 'staff' : 'customer');
      if (shown) items.push({ articleId: link.articleId, title: link.title, linkedAt: link.linkedAt, status: article.status, audience: article.published?.audience ?? article.audience });
    }
    return { items };
  }

  @Post('kb/articles/:id/votes') @HttpCode(200) @Allow('kb.articles.vote')
  @ApiOperation({ summary: '"Was this helpful?": one vote per person; voting again changes it' })
  async vote(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Param('id') id: string, @Body() body: VoteDto, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, await this.article(id, { type: 'VoteOnArticle', data: { helpful: body.helpful } }, principal, request));
  }

  @Post('kb/articles/:id/views') @HttpCode(200) @Allow('kb.articles.view')
  @ApiOperation({ summary: 'Count a reading of a published article (the reader pages send it once per opening)' })
  async view(@Req() request: Request, @Param('id') id: string, @Body() body: ViewDto, @Res({ passthrough: true }) res: Response) {
    const caller = await callerOf(request, this.authenticator);
    const result = await this.runArticle(id, { type: 'ViewArticle', data: { language: body.language } }, { actor: caller.actor, correlationId: correlationIdOf(request) });
    return this.answer(res, result);
  }

  private async findArticle(id: string): Promise<ArticleView | null> {
    if (!ARTICLE_ID.test(id)) return null;
    return (await this.kb.collection<ArticleView>(KB_ARTICLES)).findOne({ _id: id });
  }

  private article(id: string, command: ArticleCommand, principal: Principal, request: Request) {
    const key = request.header('idempotency-key');
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) throw problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'Idempotency-Key must be 1-200 visible ASCII characters.');
    return this.runArticle(id, command, {
      actor: actorOf(principal),
      correlationId: correlationIdOf(request),
      expectedRevision: parseIfMatch(request.header('if-match')),
      idempotencyKey: key,
      request: { method: request.method, path: request.path, body: request.body ?? null },
    });
  }

  private async runArticle(id: string, command: ArticleCommand, envelope: KnowledgeEnvelope) {
    if (command.type !== 'DraftArticle' && !ARTICLE_ID.test(id)) throw notFound(id.slice(0, 80));
    return this.runner.article(id, command, envelope);
  }

  private answer(res: Response, result: KnowledgeResult<unknown>) {
    res.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { id: result.id, revision: result.revision, position: result.position?.toString() ?? null, recorded: result.appended };
  }
}

const notFound = (id: string) => new KnowledgeError('article_not_found', `Article ${id} does not exist.`);
