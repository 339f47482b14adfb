import type { AppLoadContext } from "@remix-run/node";

/** The dev mailbox exists only outside production and only when mail is not really being sent. */
export function requireDevMailbox(context: AppLoadContext): void {
  if (context.config.production || context.mailer.kind !== "dev") {
    throw new Response("Not found", { status: 404 });
  }
}
