import type { AppConfig } from "./env.server";
import type { Db } from "../db/client";
import type { AppSearchEngine } from "../search/create";
import type { Mailer } from "../emails/mailer";
import type { FollowerStatus } from "../search/follow";
import type { FairHub } from "./models/fair-events.server";
import type Stripe from "stripe";

/** What the custom server creates once at start and hands to every loader and action. */
export interface AppServices {
  config: AppConfig;
  db: Db;
  dbKind: "postgres" | "pglite";
  search: AppSearchEngine;
  mailer: Mailer;
  /** Stripe, when STRIPE_SECRET_KEY is set; null means founders pay offline. */
  stripe?: Stripe | null;
  /** The in-process index's follower of search_changes (embedded engine only), for /healthz. */
  searchFollow?: () => FollowerStatus;
  /** Fans fair events out to this process's SSE streams (LISTEN/NOTIFY as the wake-up). */
  fairHub?: FairHub;
}

export interface AppLoadContextShape extends AppServices {
  cspNonce: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppLoadContextShape {}
}
declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppLoadContextShape {}
}
