import { getMetadataStorage, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ArrayMaxSize } from 'class-validator';
import { derivedOptions, portablePattern } from './openapi-validation';
import { IsOmittable } from './optional-not-null';

class Example {
  @IsString() @MaxLength(10) name!: string;
  @IsOptional() @IsInt() @Min(1) @Max(5) count?: number;
  @IsOmittable() @IsIn(['a', 'b']) kind?: string;
  @IsOptional() @ArrayMaxSize(3) @IsIn(['x', 'y'], { each: true }) @MaxLength(4, { each: true }) tags?: string[];
  @Matches(/^\d{4}-[\d-]+$/) day!: string;
}

const rules = (property: string) => getMetadataStorage().getTargetValidationMetadatas(Example, '', true, false).filter((r) => r.propertyName === property);

describe('class-validator rules as OpenAPI keywords', () => {
  it('states lengths, bounds, integers and enums, and required unless optional', () => {
    expect(derivedOptions(rules('name'), { type: String })).toEqual({ maxLength: 10, required: true });
    expect(derivedOptions(rules('count'), { type: Number })).toEqual({ type: 'integer', minimum: 1, maximum: 5, required: false });
    expect(derivedOptions(rules('kind'), { type: String })).toEqual({ enum: ['a', 'b'], required: false });
  });

  it('puts an array\'s size on the array and its `each` enum on the items, leaving per-item lengths out', () => {
    expect(derivedOptions(rules('tags'), { type: Array, isArray: true })).toEqual({ maxItems: 3, enum: ['x', 'y'], required: false });
  });

  it('writes patterns as Python reads them too, or not at all', () => {
    expect(derivedOptions(rules('day'), { type: String })).toEqual({ pattern: '^[0-9]{4}-[0-9-]+$', required: true });
    expect(portablePattern(/^[\p{L}]+$/u)).toBeNull();
    expect(portablePattern(/^[a-f]+$/i)).toBeNull();
    expect(portablePattern(/^\w+$/)).toBeNull();
    expect(portablePattern(/^\+?[0-9 ()-]{5,30}$/)).toBe('^\\+?[0-9 ()-]{5,30}$');
  });
});
