// Compare every open Stripe payment with its Checkout Session and apply what Stripe says (paid → the place is
// fulfilled once; expired → the payment is closed). The webhook's backstop: run it from cron, e.g. hourly.
// Without STRIPE_SECRET_KEY there is nothing to reconcile (offline payments are confirmed by the park).
import { loadConfig } from "../app/env.server";
import { createStripeClient, paymentConfig } from "../app/payments.server";
import { reconcileStripePayments } from "../app/models/incubator-payment.server";
import { createDb } from "../db/client";

const config = loadConfig();
const stripe = createStripeClient(config);
if (!stripe) {
  console.log("payments:reconcile: STRIPE_SECRET_KEY is not set; offline payments need no reconciling.");
  process.exit(0);
}
const handle = await createDb(config);
await handle.migrate();
try {
  const result = await reconcileStripePayments(handle.db, stripe, paymentConfig(config));
  console.log(`payments:reconcile: ${result.checked} open Stripe payments checked, ${result.paid} paid, ${result.expired} expired, ${result.unchanged} unchanged`);
} finally {
  await handle.close();
}
