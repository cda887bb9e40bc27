import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but when given it must pass its validators: unlike @IsOptional,
 * `null` is not taken for "absent" (it is refused as the wrong type).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
