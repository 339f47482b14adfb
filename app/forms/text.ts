import { z } from "zod";

/**
 * The one string schema for what people type. Control characters never belong in names, descriptions or notes,
 * and a NUL makes PostgreSQL refuse the whole statement (a 500 instead of a message by the field). Single-line text
 * allows none (a pasted tab included); multi-line text keeps tab, line feed and carriage return.
 */
// eslint-disable-next-line no-control-regex -- control characters are what these look for
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- control characters are what these look for
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CONTROL_CHARS_MESSAGE = "errors.controlChars";

export interface TextOptions {
  /** Fewest characters after trimming (default 0; a required field uses 1). */
  min?: number;
  /** The message when shorter than `min` (default "errors.required"). */
  minMessage?: string;
  /** The message when the field is missing (default "errors.required"). */
  requiredMessage?: string;
}

function build(forbidden: RegExp, max: number, options: TextOptions) {
  let schema = z.string({ required_error: options.requiredMessage ?? "errors.required" }).trim();
  if (options.min) schema = schema.min(options.min, options.minMessage ?? "errors.required");
  return schema.max(max, "errors.tooLong").refine((value) => !forbidden.test(value), CONTROL_CHARS_MESSAGE);
}

/** A trimmed single line of at most `max` characters, without control characters. */
export function text(max: number, options: TextOptions = {}) {
  return build(SINGLE_LINE_FORBIDDEN, max, options);
}

/** Trimmed text of at most `max` characters that may hold line breaks and tabs, but no other control characters. */
export function multilineText(max: number, options: TextOptions = {}) {
  return build(MULTI_LINE_FORBIDDEN, max, options);
}

/** True when `value` holds a character no text field accepts (for values read outside a form schema). */
export function hasControlChars(value: string): boolean {
  return MULTI_LINE_FORBIDDEN.test(value);
}
