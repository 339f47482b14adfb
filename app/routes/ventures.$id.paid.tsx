import { publicUrlFor } from "../utils/public-url.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { fulfilFromSuccessPage } from "../models/incubator-payment.server";
import { requireRole } from "../utils/session.server";

/**
 * Where Stripe Checkout sends the founder back. The session is read from Stripe (never trusted from the URL) and the
 * same idempotent fulfilment as the webhook's runs, so the place shows as paid even before the webhook arrives.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const id = params.id ?? "";
  const sessionId = new URL(request.url).searchParams.get("session_id") ?? "";
  if (!context.stripe) return redirect(`/ventures/${id}`);
  const status = await fulfilFromSuccessPage(context.db, context.stripe, user, id, sessionId, { publicUrl: publicUrlFor(request, context.config) });
  return redirect(`/ventures/${id}${status === "paid" ? "?paid=1" : ""}`);
}
