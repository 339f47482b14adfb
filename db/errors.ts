import { DrizzleQueryError } from "drizzle-orm/errors";

/**
 * Errors from the database carry the statement's parameters: drizzle puts them in the message ("Failed query: …
 * params: …") and the driver keeps them on the error. Those are password hashes, names, phone numbers and encrypted
 * ID numbers, so nothing may print or store such an error whole. These give its name, SQLSTATE code and the
 * driver's message only — never the parameters.
 */
function innermost(error: Error): Error {
  return error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
}

/** "name code: message" without parameters, for logs, outbox rows and health details. */
export function safeErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === "string" ? error.slice(0, 500) : "unknown error";
  const inner = innermost(error);
  const code = (inner as { code?: unknown }).code;
  return `${inner.name}${typeof code === "string" || typeof code === "number" ? ` ${code}` : ""}: ${inner.message.slice(0, 500)}`;
}

/** The safe message and where it was thrown (stack frames only: the stack's first line repeats the message). */
export function safeErrorLog(error: unknown): string {
  const frames =
    error instanceof Error && error.stack
      ? error.stack
          .split("\n")
          .filter((line) => /^\s+at /.test(line))
          .slice(0, 12)
      : [];
  return [safeErrorMessage(error), ...frames].join("\n");
}

/** The one way a process logs an unexpected error. */
export function logError(prefix: string, error: unknown): void {
  console.error(`${prefix} ${safeErrorLog(error)}`);
}
