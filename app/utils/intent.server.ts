import { json } from "@remix-run/node";
import { DomainError, isDomainError } from "../models/errors";
import { CONTROL_CHARS_MESSAGE, hasControlChars } from "../forms/text";

/** Run one form intent: `{ ok: intent }` on success, `{ error }` with the domain error's status, anything else thrown. */
export async function runIntent(intent: string, work: () => Promise<unknown>) {
  try {
    await work();
    return json({ ok: intent } as { ok?: string; error?: string; field?: string });
  } catch (error) {
    if (isDomainError(error)) return json({ error: error.code, field: error.field } as { ok?: string; error?: string; field?: string }, { status: error.status });
    throw error;
  }
}

/** A whole number from a form field, or NaN. */
export function intField(form: FormData, name: string): number {
  const v = String(form.get(name) ?? "").trim();
  return /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** Yuan with up to two decimals → integer fen, or NaN. */
export function yuanField(form: FormData, name: string): number {
  const v = String(form.get(name) ?? "").trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(v)) return Number.NaN;
  const [whole, frac = ""] = v.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/** Trimmed text of at most `max` characters; control characters are refused like every other form's text. */
export function textField(form: FormData, name: string, max = 2000): string {
  const value = String(form.get(name) ?? "").trim();
  if (hasControlChars(value.replace(/[\r\n\t]/g, ""))) throw new DomainError(CONTROL_CHARS_MESSAGE, name);
  if (value.length > max) throw new DomainError("errors.tooLong", name);
  return value;
}
