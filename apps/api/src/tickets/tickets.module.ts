import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Settings, SETTINGS } from '../config/settings';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { AttachmentIntake } from './attachments/attachment-intake';
import { TicketAttachmentsController } from './attachments/ticket-attachments.controller';
import { UploadProblemsInterceptor } from './attachments/upload-problems.interceptor';
import { ChangeTicketHandler } from './commands/change-ticket.handler';
import { SubmitTicketHandler } from './commands/submit-ticket.handler';
import { TicketsController } from './tickets.controller';

@Module({
  imports: [
    // Uploads are held in memory (no storage option: multer's memory storage) until the blob store has them.
    MulterModule.registerAsync({
      inject: [SETTINGS],
      useFactory: (s: Settings) => ({
        limits: { fileSize: s.ATTACHMENT_MAX_BYTES, files: s.ATTACHMENT_MAX_COUNT, fields: 100, fieldSize: 256 * 1024, parts: s.ATTACHMENT_MAX_COUNT + 100 },
        // Browsers send UTF-8 file names (Urdu ones too) without saying so.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [TicketsController, TicketAttachmentsController],
  providers: [SubmitTicketHandler, ChangeTicketHandler, AttachmentIntake, UploadProblemsInterceptor, ConsistencyInterceptor],
})
export class TicketsModule {}
