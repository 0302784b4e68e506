import type { FieldError } from '../errors.ts';
import type { RuleName } from '../types.ts';

/** A broken rule, located in the request body the way Discord's form errors are. */
export interface RuleViolation extends FieldError {
  rule: RuleName;
}

export type Path = Array<string | number>;
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Discord counts characters as code points, not UTF-16 units. */
export function length(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

export function violation(rule: RuleName, path: Path, code: string, message: string): RuleViolation {
  return { rule, path, code, message };
}

export function maxLength(rule: RuleName, path: Path, value: unknown, max: number): RuleViolation[] {
  return length(value) > max
    ? [violation(rule, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`)]
    : [];
}

/** A required string of min..max characters. */
export function boundedString(
  rule: RuleName,
  path: Path,
  value: unknown,
  min: number,
  max: number,
): RuleViolation[] {
  if (typeof value !== 'string' || (min > 0 && value.length === 0)) {
    return [violation(rule, path, 'BASE_TYPE_REQUIRED', 'This field is required')];
  }
  const size = length(value);
  return size < min || size > max
    ? [violation(rule, path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`)]
    : [];
}

export function maxItems(rule: RuleName, path: Path, value: unknown, max: number): RuleViolation[] {
  return Array.isArray(value) && value.length > max
    ? [violation(rule, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`)]
    : [];
}

/** Human-readable detail for the violation log. */
export function describe(violationItem: RuleViolation): string {
  const where = violationItem.path.length > 0 ? `${violationItem.path.join('.')}: ` : '';
  return `${where}${violationItem.message} (${violationItem.code})`;
}
