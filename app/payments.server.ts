import Stripe from "stripe";
import type { AppConfig } from "./env.server";
import type { PaymentConfig } from "./models/incubator-payment.server";

/**
 * The Stripe client, made once from configuration: none without STRIPE_SECRET_KEY (founders then pay offline).
 * STRIPE_API_BASE points the official SDK at another host (the local fake in tests; Stripe itself otherwise).
 */
export function createStripeClient(config: Pick<AppConfig, "STRIPE_SECRET_KEY" | "STRIPE_API_BASE">): Stripe | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === "http:" ? "80" : "443"),
          protocol: base.protocol === "http:" ? ("http" as const) : ("https" as const),
        }
      : {}),
  });
}

/** Currency and payment methods of Checkout, and the base of links, from configuration. */
export function paymentConfig(config: Pick<AppConfig, "PUBLIC_URL" | "STRIPE_CURRENCY" | "STRIPE_PAYMENT_METHODS">): PaymentConfig {
  return {
    publicUrl: config.PUBLIC_URL,
    currency: config.STRIPE_CURRENCY,
    methods: config.STRIPE_PAYMENT_METHODS as PaymentConfig["methods"],
  };
}
