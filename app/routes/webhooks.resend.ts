// Resend's delivery webhook: a hard bounce or a spam complaint suppresses the address (no more mail goes to it).
// The raw body is verified against RESEND_WEBHOOK_SECRET (Svix signature headers) before anything is read from it.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleResendEvent, verifySvixSignature, WebhookSignatureError } from "../../emails/suppressions";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const secret = context.config.RESEND_WEBHOOK_SECRET;
  if (!secret) return new Response("Resend webhook not configured", { status: 404 });
  const body = await request.text();
  try {
    verifySvixSignature(
      body,
      { id: request.headers.get("svix-id"), timestamp: request.headers.get("svix-timestamp"), signature: request.headers.get("svix-signature") },
      secret,
    );
  } catch (error) {
    if (error instanceof WebhookSignatureError) return new Response("invalid signature", { status: 400 });
    throw error;
  }
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return new Response("invalid JSON", { status: 400 });
  }
  const suppressed = await handleResendEvent(context.db, event as Parameters<typeof handleResendEvent>[1]);
  return Response.json({ ok: true, suppressed: suppressed.length });
}
