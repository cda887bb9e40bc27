import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { problem } from './problem';

export interface FieldError {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator on every body: unknown fields refused, field errors listed in the problem. */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw problem(400, 'validation-failed', 'Invalid request', 'The request body must be a JSON object.', { errors: [] });
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new BodyValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const fieldErrors = flatten(errors);
    return problem(400, 'validation-failed', 'Invalid request', fieldErrors.map((e) => `${e.field}: ${e.problems.join('; ')}`).join('. '), {
      errors: fieldErrors,
    });
  },
});
