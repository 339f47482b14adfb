import { z } from "zod";
import { parseTrustProxy } from "./utils/client-address.server";

/**
 * Configuration is read and validated here once; everything else receives it as a parameter.
 * Nothing outside this module reads process.env (scripts pass process.env in).
 */
const DEV_SESSION_SECRET = "rongye-dev-session-secret-change-me";
// 32 bytes, base64: development only. Production must configure its own key.
const DEV_DATA_KEY = "cm9uZ3llLWRldi1kYXRhLWtleS0zMi1ieXRlcyEhISE=";
const DEV_MAIL_FROM = "戎业 Rongye <noreply@rongye.example>";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().positive().default(3000),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: z.string().min(1).optional(),
    PGLITE_DIR: z.string().min(1).default("./data/pglite"),
    MEILI_HOST: z.string().url().optional(),
    MEILI_API_KEY: z.string().optional(),
    MEILI_SEARCH_KEY: z.string().optional(),
    MEILI_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.string().url().optional(),
    RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
    MAIL_FROM: z.string().min(3).optional(),
    MAIL_DISABLED: z.enum(["true", "false"]).default("false"),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** Another host for the Stripe API (a local fake in tests). */
    STRIPE_API_BASE: z.string().url().optional(),
    STRIPE_CURRENCY: z.string().regex(/^[a-zA-Z]{3}$/).default("cny"),
    /** Checkout payment methods, comma-separated (Alipay and WeChat Pay only where the park's account has them). */
    STRIPE_PAYMENT_METHODS: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/).default("card"),
    SESSION_SECRET: z.string().min(16).optional(),
    DATA_ENCRYPTION_KEY: z.string().optional(),
    DRAIN_IN_PROCESS: z.enum(["true", "false"]).optional(),
    SEED_ON_START: z.enum(["true", "false"]).optional(),
    HEALTH_TOKEN: z.string().min(16).optional(),
    RONGYE_BUILD_DIR: z.string().min(1).optional(),
    RATE_LIMIT_DISABLED: z.enum(["true", "false"]).default("false"),
    // /api/jobs answers kept per process for this long (its responses say max-age=60 anyway); 0 turns it off
    API_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
    // Proxies whose X-Forwarded-For is believed: unset = none; a hop count; or addresses/subnets (client-address.server.ts)
    TRUST_PROXY: z.string().optional().superRefine((value, ctx) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  })
  .transform((e) => {
    const production = e.NODE_ENV === "production";
    return {
      ...e,
      production,
      PUBLIC_URL: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      /** PUBLIC_URL was set; otherwise mail links in development follow the request's origin (publicUrlFor). */
      publicUrlConfigured: e.PUBLIC_URL !== undefined,
      SESSION_SECRET: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
      DATA_ENCRYPTION_KEY: e.DATA_ENCRYPTION_KEY ?? DEV_DATA_KEY,
      drainInProcess: e.DRAIN_IN_PROCESS ? e.DRAIN_IN_PROCESS === "true" : !production,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      MAIL_FROM: e.MAIL_FROM ?? (production ? "" : DEV_MAIL_FROM),
      mailDisabled: e.MAIL_DISABLED === "true",
      STRIPE_CURRENCY: e.STRIPE_CURRENCY.toLowerCase(),
      STRIPE_PAYMENT_METHODS: e.STRIPE_PAYMENT_METHODS.split(","),
      // Development seeds the demo data (known passwords) into an empty database; production only when asked, and
      // then with random passwords printed once.
      seedOnStart: e.SEED_ON_START ? e.SEED_ON_START === "true" : !production,
      seedPasswords: production ? ("random" as const) : ("demo" as const),
    };
  })
  .superRefine((e, ctx) => {
    if (e.production && e.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
    if (e.production && e.DATA_ENCRYPTION_KEY === DEV_DATA_KEY) {
      ctx.addIssue({ code: "custom", path: ["DATA_ENCRYPTION_KEY"], message: "DATA_ENCRYPTION_KEY is required in production" });
    }
    if (e.production && !e.RESEND_API_KEY && !e.mailDisabled) {
      ctx.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY"],
        message: "RESEND_API_KEY is required in production (or set MAIL_DISABLED=true to run without sending mail)",
      });
    }
    if (e.production && !e.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "MAIL_FROM is required in production" });
    }
    if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET && e.production) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY in production" });
    }
    if (Buffer.from(e.DATA_ENCRYPTION_KEY, "base64").length !== 32) {
      ctx.addIssue({ code: "custom", path: ["DATA_ENCRYPTION_KEY"], message: "DATA_ENCRYPTION_KEY must be 32 bytes, base64" });
    }
  });

export type AppConfig = z.infer<typeof envSchema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** What a process says loudly at start about a configuration that works but loses something (mail not sent). */
export function startupWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.production && !config.RESEND_API_KEY && config.mailDisabled) {
    warnings.push(
      "MAIL IS NOT SENT: MAIL_DISABLED=true and no RESEND_API_KEY. Verification, password-reset and application mail " +
        "is kept in the database only and nobody receives it.",
    );
  }
  return warnings;
}
