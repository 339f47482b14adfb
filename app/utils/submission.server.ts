import type { Submission } from "@conform-to/react";
import { json } from "@remix-run/node";
import { DomainError } from "../models/errors";
import { RateLimitedError } from "../utils/rate-limit.server";

/**
 * Turn a domain or rate-limit error into a Conform reply (message keys next to the field, or for the whole form),
 * keeping what the person typed except passwords. Anything else is rethrown.
 */
export function replyWithError<T>(
  submission: Submission<T>,
  error: unknown,
  hideFields: string[] = ["password", "confirmPassword"],
) {
  if (error instanceof RateLimitedError) {
    return json(
      submission.reply({
        formErrors: [`errors.rateLimited|${Math.ceil(error.retryAfterSeconds / 60)}`],
        hideFields,
      }),
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof DomainError) {
    const reply = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.code] }, hideFields })
      : submission.reply({ formErrors: [error.code], hideFields });
    return json(reply, { status: error.status });
  }
  throw error;
}
