import { Body, Controller, HttpCode, Post, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '@helpdesk/identity';
import { DEFAULT_TIME_ZONE } from '@helpdesk/ticketing';
import { Allow } from '../auth/policy';
import { correlationIdOf } from '../http/command-envelope.decorator';
import { AttachmentIntake, UploadedFile } from '../tickets/attachments/attachment-intake';
import { UploadProblemsInterceptor } from '../tickets/attachments/upload-problems.interceptor';
import { CustomerAccessService } from './customer-access.service';
import { PublicTicketDto } from './dto/public-ticket.dto';

/**
 * The public web form: anyone may fill it in, and nothing is filed until the address is proved.
 * The files go into the blob store now (an unproved submission leaves harmless orphans, as a
 * refused command does); the submission waits on the address's verification stream, and the
 * proof (link or code) files it as the customer. Signed-in customers use POST /tickets.
 */
@ApiTags('customers')
@Controller('public/tickets')
export class WebFormController {
  constructor(
    private readonly access: CustomerAccessService,
    private readonly intake: AttachmentIntake,
  ) {}

  @Post() @HttpCode(202) @Allow('webForm.submit')
  @UseInterceptors(UploadProblemsInterceptor, FilesInterceptor('files'))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({ summary: 'File a request without an account: a link and code are mailed to the address, and the ticket is filed once one of them is used' })
  async submit(@Body() body: PublicTicketDto, @UploadedFiles() files: UploadedFile[] | undefined, @Req() req: Request) {
    const address = req.ip ?? 'unknown';
    const email = normalizeEmail(body.customer.email);
    const visitor = { actor: { id: 'web-visitor', role: 'system' as const }, scope: { email, teams: [] }, correlationId: correlationIdOf(req) };
    const { attachments } = await this.intake.accept(files, { ...visitor, request: { id: randomUUID() } });
    const language = body.customer.language ?? 'en';
    return this.access.request(
      {
        email,
        language,
        name: body.customer.name,
        purpose: 'submit_ticket',
        submission: {
          subject: body.subject,
          description: body.description,
          ...(body.category ? { category: body.category } : {}),
          ...(body.errorMessages?.length ? { errorMessages: body.errorMessages } : {}),
          ...(body.stepsToReproduce ? { stepsToReproduce: body.stepsToReproduce } : {}),
          ...(body.impact ? { impact: body.impact } : {}),
          customer: {
            name: body.customer.name.trim(),
            email,
            timezone: body.customer.timezone ?? DEFAULT_TIME_ZONE,
            language,
            ...(body.customer.phone ? { phone: body.customer.phone } : {}),
          },
          ...(attachments.length ? { attachments } : {}),
        },
      },
      address,
      visitor.correlationId,
    );
  }
}
