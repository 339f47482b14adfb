// Stripe's webhook: the raw body is verified against STRIPE_WEBHOOK_SECRET (Stripe-Signature, 300 s tolerance)
// before anything is read from it; a bad or old signature is 400 and nothing changes. The event is applied once
// (its id stored with its effect) after re-reading the object from Stripe, and answered 200 quickly.
import { publicUrlFor } from "../utils/public-url.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent, StripeSignatureError, verifyStripeEvent } from "../models/incubator-payment.server";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const secret = context.config.STRIPE_WEBHOOK_SECRET;
  const stripe = context.stripe ?? null;
  if (!secret || !stripe) return new Response("Stripe webhook not configured", { status: 404 });
  const body = await request.text();
  let event;
  try {
    event = verifyStripeEvent(stripe, body, request.headers.get("stripe-signature"), secret);
  } catch (error) {
    if (error instanceof StripeSignatureError) return new Response("invalid signature", { status: 400 });
    throw error;
  }
  const outcome = await handleStripeEvent(context.db, stripe, event, { publicUrl: publicUrlFor(request, context.config) });
  return Response.json({ received: true, outcome });
}
