import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/*
 * The swc build runs no @nestjs/swagger CLI plugin, so the OpenAPI document would know nothing of
 * the class-validator limits the validation pipe enforces. This bridge reads them from
 * class-validator's metadata and adds them to each documented property's @ApiProperty options
 * before the document is built, so request bodies and query parameters alike carry maxLength,
 * minimum, enum, required... as enforced. Options written by hand win over derived ones, except
 * `required`, which follows the validators (an @IsOptional field is optional, any other required).
 */

type Options = Record<string, unknown>;

/** Validation metadata by class, each with the metadata it inherits. */
function validatedClasses(): Array<[Function, ValidationMetadata[]]> {
  const storage = getMetadataStorage();
  const byTarget = (storage as unknown as { validationMetadatas?: Map<Function | string, ValidationMetadata[]> }).validationMetadatas;
  if (!(byTarget instanceof Map)) throw new Error('class-validator no longer keeps its metadata by class: update apps/api/src/http/openapi-validation.ts');
  return [...byTarget.keys()]
    .filter((target): target is Function => typeof target === 'function')
    // Own rules only: a parent class is an entry of its own, and subclasses inherit its options.
    .map((target) => [target, storage.getTargetValidationMetadatas(target, '', true, false).filter((rule) => rule.target === target)]);
}

/** What one property's validators enforce, as OpenAPI keywords (only those a schema can state the same way). */
export function derivedOptions(rules: ValidationMetadata[], documented: Options): Options {
  const options: Options = {};
  const isArray = documented.isArray === true || documented.type === Array || Array.isArray(documented.type);
  for (const rule of rules) {
    const [first] = rule.constraints ?? [];
    // `each` rules of an array apply to its items; only enum is stated on the items here.
    if (rule.each && rule.name !== 'isIn') continue;
    switch (rule.name) {
      case 'maxLength': if (!isArray) options.maxLength = first; break;
      case 'minLength': if (!isArray) options.minLength = first; break;
      case 'isNotEmpty': if (!isArray && documented.type === String) options.minLength ??= 1; break;
      case 'max': options.maximum = first; break;
      case 'min': options.minimum = first; break;
      case 'isPositive': options.exclusiveMinimum = true; options.minimum ??= 0; break;
      case 'isInt': if (!isArray) options.type = 'integer'; break;
      case 'isIn': if (Array.isArray(first)) options.enum = [...first]; break;
      case 'arrayMaxSize': options.maxItems = first; break;
      case 'arrayMinSize': options.minItems = first; break;
      case 'arrayNotEmpty': options.minItems ??= 1; break;
      case 'matches': {
        const pattern = portablePattern(first);
        if (pattern) options.pattern = pattern;
        break;
      }
    }
  }
  const optional = rules.some((rule) => rule.type === 'conditionalValidation');
  options.required = !optional;
  return options;
}

/**
 * A JavaScript RegExp as a pattern other tools read alike (schemathesis reads patterns with
 * Python's `re`): none for flags or Unicode classes; `\d` spelled 0-9 (Python's matches any
 * Unicode digit).
 */
export function portablePattern(regex: unknown): string | null {
  if (!(regex instanceof RegExp) || regex.flags !== '' || /\\[pPwWbB]/.test(regex.source)) return null;
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.source.length; i++) {
    const c = regex.source[i];
    if (c === '\\') {
      const next = regex.source[++i];
      out += next === 'd' ? (inClass ? '0-9' : '[0-9]') : `\\${next}`;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/**
 * Adds the validators' limits to the documented properties of every validated class. Idempotent
 * (createApp runs it on every start); a property validated but not documented is left alone
 * (test/e2e/openapi-document.test.ts checks that there are none in a request).
 */
export function documentValidationLimits(): void {
  for (const [target, metadata] of validatedClasses()) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const rule of metadata) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    for (const [property, rules] of byProperty) {
      const documented = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype, property) as Options | undefined;
      if (!documented) continue;
      const derived = derivedOptions(rules, documented);
      const added = Object.fromEntries(Object.entries(derived).filter(([key]) => key === 'required' || documented[key] === undefined || (key === 'type' && documented.type === Number)));
      if (Object.entries(added).every(([key, value]) => documented[key] === value)) continue;
      ApiProperty(added as ApiPropertyOptions)(target.prototype, property);
    }
  }
}
