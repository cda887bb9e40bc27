import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { Settings, SETTINGS } from '../../config/settings';
import { problem } from '../../http/problem';

// The messages @nestjs/platform-express gives multer's and busboy's refusals (its multerExceptions and busboyExceptions).
const TOO_MANY_FILES = 'Too many files';
const UNEXPECTED_FILE = 'Unexpected file field';
const FORM_LIMITS = ['Too many parts', 'Field name too long', 'Field value too long', 'Too many fields', 'Field name nesting too deep', 'Field name array index too large'];

/**
 * Bound before FilesInterceptor: its refusals (Nest exceptions made from multer's errors) become
 * problem+json that names the limit: 413 for size and count, 422 for a file under another field,
 * 400 for a form that is not well-formed multipart. Nothing has been stored when these are thrown.
 */
@Injectable()
export class UploadProblemsInterceptor implements NestInterceptor {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.named(error))));
  }

  private named(error: unknown): unknown {
    const { ATTACHMENT_MAX_BYTES: maxBytes, ATTACHMENT_MAX_COUNT: maxCount } = this.settings;
    if (error instanceof PayloadTooLargeException) {
      return problem(413, 'attachment-too-large', 'Attachment too large', `Each attachment may have at most ${maxBytes} bytes.`, { maxBytes });
    }
    if (!(error instanceof BadRequestException)) return error;
    const message = error.message;
    if (message.startsWith(TOO_MANY_FILES)) {
      return problem(413, 'too-many-attachments', 'Too many attachments', `At most ${maxCount} files may be attached at once.`, { maxCount });
    }
    if (message.startsWith(UNEXPECTED_FILE)) {
      const field = message.split(' - ')[1];
      return problem(422, 'unexpected-file-field', 'Unexpected file field', `Files go in the form field "files"${field ? `, not "${field}"` : ''}.`);
    }
    if (FORM_LIMITS.some((m) => message.startsWith(m))) {
      return problem(413, 'form-too-large', 'Form too large', `The form is over a limit: ${message}.`);
    }
    if (/^Multipart|Unexpected end of|Malformed part header/i.test(message)) {
      return problem(400, 'malformed-multipart', 'Malformed multipart body', message);
    }
    return error;
  }
}
