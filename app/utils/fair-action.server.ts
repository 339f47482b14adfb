import { json } from "@remix-run/node";
import { isDomainError } from "../models/errors";

/**
 * The answer of a fair page's action: `{ ok: true, intent, value }`, or a refused rule shown on the page
 * (`{ ok: false, message }` with the rule's status). Not-found still goes to the error boundary; thrown redirects
 * pass through.
 */
export async function fairActionReply<T>(intent: string, run: () => Promise<T>) {
  try {
    const value = await run();
    return json({ ok: true as const, intent, value: value ?? null, message: null });
  } catch (error) {
    if (isDomainError(error) && error.status !== 404) {
      return json({ ok: false as const, intent, value: null, message: error.code }, { status: error.status });
    }
    throw error;
  }
}
