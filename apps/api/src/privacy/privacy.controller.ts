import { Body, Controller, Get, HttpCode, Param, PipeTransform, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Inject } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { normaliseSubject, PrivacyError } from '@helpdesk/privacy';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { actorOf, CurrentPrincipal, Principal } from '../auth/principal';
import { Envelope } from '../http/command-envelope.decorator';
import { problem } from '../http/problem';
import { EraseSubjectDto } from './privacy.dto';
import { RetentionReactor } from './retention.reactor';
import { SubjectErasure } from './subject-erasure.service';
import { subjectExport } from './subject-export';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

class SubjectEmailPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!EMAIL.test(value)) throw problem(400, 'validation-failed', 'Invalid request', 'The subject must be an email address.');
    return normaliseSubject(value);
  }
}

/** Data subjects' rights: erasure (crypto-shredding), access (an export), and the retention policy. */
@ApiTags('privacy')
@Controller('privacy')
export class PrivacyController {
  constructor(
    private readonly erasure: SubjectErasure,
    private readonly retention: RetentionReactor,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('subjects/:email/erase') @Allow('privacy.erase') @HttpCode(200)
  @ApiOperation({ summary: 'Erase a data subject: a signed SubjectErased proof (a pseudonym only), their keys shredded, their blobs deleted, the read models rebuilt' })
  async erase(@CurrentPrincipal() principal: Principal, @Envelope() e: { correlationId: string }, @Param('email', SubjectEmailPipe) email: string, @Body() body: EraseSubjectDto) {
    try {
      return await this.erasure.erase(email, body.reason, actorOf(principal), e.correlationId);
    } catch (error) {
      if (error instanceof PrivacyError && error.code === 'subject_not_found') throw problem(404, 'subject-not-found', 'No such data subject', error.message);
      if (error instanceof PrivacyError && error.code === 'already_erased') throw problem(409, 'already-erased', 'Already erased', error.message);
      if (error instanceof PrivacyError) throw problem(422, 'reason-required', 'A reason is required', error.message);
      throw error;
    }
  }

  @Get('subjects/:email/export') @Allow('privacy.export')
  @ApiOperation({ summary: 'Everything held about a data subject, as one streamed JSON document: tickets, comments, attachments, events' })
  async export(@CurrentPrincipal() principal: Principal, @Param('email', SubjectEmailPipe) email: string, @Res() res: Response) {
    // A customer's own only; anyone else's is answered as an unknown subject.
    const own = principal.role !== 'customer' || normaliseSubject(principal.email) === email;
    const found = own ? await this.erasure.scopesOf(email) : { subjectId: null, scopes: [] };
    if (!found.subjectId && found.scopes.length === 0) throw problem(404, 'subject-not-found', 'No such data subject', 'No personal data is held for this email.');
    res.status(200).set({ 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="subject-export.json"', 'Cache-Control': 'no-store' });
    for await (const chunk of subjectExport(email, found.scopes, principal, this.readModels, this.events, this.clock.now())) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  @Get('retention') @Allow('privacy.retention')
  @ApiOperation({ summary: 'The retention policy and the closed tickets it would erase or anonymise now (a dry run: nothing changes)' })
  preview() {
    return this.retention.run({ dryRun: true });
  }
}
