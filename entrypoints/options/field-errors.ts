// Zod issues → one message per field path ("levels.1.delayDays"), for showing each error next to its field.
import type { z } from 'zod';

/** Issues keyed by dotted path, first issue per path; an empty number field gets `notANumber` instead of Zod's text. */
export function fieldErrors(error: z.ZodError, notANumber: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path] !== undefined) continue;
    errors[path] = issue.code === 'invalid_type' && issue.expected === 'number' ? notANumber : issue.message;
  }
  return errors;
}

/** Value of a number input: `undefined` when empty and optional, NaN when empty and required (the schema says why). */
export function numberFromInput(text: string, optional = false): number | undefined {
  if (text.trim() === '') return optional ? undefined : Number.NaN;
  return Number(text);
}

/** What a number input shows for a value that may be missing or not a number. */
export function numberToInput(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '' : String(value);
}

/** DOM id of the field editing `path` in a form whose ids start with `prefix`. */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/\./g, '-')}`;
}
