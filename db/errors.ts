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

/** postgres.js's own codes for a connection that is gone, and Node's for a socket that could not reach the server. */
const UNREACHABLE_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs that mean "the server is away or refusing connections", not "this statement is wrong": class 08
 * (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
 */
function unavailableState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

/**
 * True when the error says the database cannot be reached right now (connections killed, server restarting or
 * down), so the request deserves 503 and a retry rather than a 500. PGlite runs in this process and has no
 * connection to lose; a closed PGlite ("PGlite is closed") counts too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableState(code)))) {
      return true;
    }
    if (/^PGlite is closed/.test(e.message)) return true;
  }
  return false;
}
