import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { loadConfig, startupWarnings, type AppConfig } from "./app/env.server";
import { startServices } from "./app/services.server";
import { clientAddressHeader } from "./app/utils/client-address.server";
import { mapDomainErrors } from "./app/utils/http-errors.server";
import { DEMO_ACCOUNTS } from "./db/seed";
import { logError } from "./db/errors";
import { runPrimary, webConcurrency, workerRole } from "./server/cluster";
import { e2eFixtures } from "./server/e2e-fixtures";
import { bodyLimit, privateWhenSignedIn, safeErrorHandler } from "./server/middleware";
import { publicJobsApiHandler } from "./server/public-jobs-api";

function securityHeaders(config: AppConfig) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self' https://checkout.stripe.com",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (config.production) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}

/** The host an Origin header names, or null when it is not a URL (a malformed header is refused like a foreign one). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * RFC 8058 one-click unsubscribe: the mail provider POSTs from its own origin, and the token in the URL is the only
 * permission needed (nothing a cross-site request could abuse beyond turning alerts off for that one link).
 */
const ONE_CLICK_PATHS = new Set(["/saved-searches/unsubscribe/one-click"]);

/** Browsers name the page a form came from; a state-changing request from another site is refused. */
function sameOriginWrites(req: Request, res: Response, next: NextFunction) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method) || req.path.startsWith("/webhooks/") || ONE_CLICK_PATHS.has(req.path)) return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const host = req.get("x-forwarded-host") ?? req.get("host");
  const crossOrigin = origin && origin !== "null" ? originHost(origin) !== host : fetchSite === "cross-site";
  if (crossOrigin) {
    res.status(403).type("text/plain; charset=utf-8").send("跨站请求被拒绝 / Cross-site request refused");
    return;
  }
  next();
}

async function main() {
  const config = loadConfig();
  const log = (line: string) => console.log(`[rongye] ${line}`);
  for (const warning of startupWarnings(config)) console.warn(`[rongye] WARNING ${"!".repeat(20)}\n[rongye] ${warning}`);
  // In a cluster (WEB_CONCURRENCY) only the first worker migrates, seeds and drains; the others just serve.
  const role = workerRole();
  const services = await startServices(config, {
    migrate: role.first,
    seedIfEmpty: role.first && config.seedOnStart && { passwords: config.seedPasswords },
    drains: role.first && config.drainInProcess,
    log,
  });
  const buildDir = config.RONGYE_BUILD_DIR;
  const buildPath = path.resolve(buildDir ? `${buildDir}/server/index.js` : "build/index.js");
  const assetsDir = path.resolve(buildDir ? `${buildDir}/public/build` : "public/build");
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (npm start does it for you).");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  // Server-Sent Events must reach the client as written: compression would buffer them until a chunk fills.
  app.use(
    compression({
      filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res),
    }),
  );
  app.use(securityHeaders(config));
  app.use(clientAddressHeader);
  app.use(bodyLimit());
  app.use(sameOriginWrites);
  // The public search API straight from Express: it is the one URL under sustained anonymous load, and Remix's
  // request/response translation cost more than the search itself (ADR 006); the only handler of the URL.
  // Placed before the static handlers, which would stat the disk for every request.
  app.all("/api/jobs", publicJobsApiHandler(services));
  // Test rows for the end-to-end suite (scripts/e2e-server.mjs sets both); never on a production server.
  if (process.env.E2E_FIXTURES === "true" && process.env.NODE_ENV === "test" && !config.production) {
    app.use("/__e2e", e2eFixtures(services.db));
  }
  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(privateWhenSignedIn);
  app.all(
    "*",
    createRequestHandler({
      build: mapDomainErrors(build),
      mode: config.production ? "production" : "development",
      getLoadContext: (_req, res) => ({
        config: services.config,
        db: services.db,
        dbKind: services.dbKind,
        search: services.search,
        searchFollow: services.searchFollow,
        mailer: services.mailer,
        stripe: services.stripe,
        fairHub: services.fairHub,
        cspNonce: String(res.locals.cspNonce),
      }),
    }),
  );

  app.use(safeErrorHandler);

  const server = app.listen(config.PORT, () => {
    if (!role.first) return;
    log(`listening on ${config.PUBLIC_URL} (database: ${services.dbKind}, search: ${services.search.kind}, mail: ${services.mailer.kind})`);
    if (!config.production) {
      log("demo accounts (password for all: " + DEMO_ACCOUNTS[0].password + "):");
      for (const a of DEMO_ACCOUNTS) log(`  ${a.role.padEnd(9)} ${a.email}`);
      if (services.mailer.kind === "dev") log(`dev mailbox: ${config.PUBLIC_URL}/dev/mailbox`);
    }
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections?.();
    services
      .shutdown()
      .catch((e) => logError("[rongye] shutdown:", e))
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

const workers = webConcurrency(process.env.WEB_CONCURRENCY);
if (workers > 1 && cluster.isPrimary) {
  try {
    runPrimary(workers, (line) => console.log(`[rongye] ${line}`));
  } catch (error) {
    logError("[rongye] could not start:", error);
    process.exit(1);
  }
} else {
  main().catch((error) => {
    logError("[rongye] could not start:", error);
    process.exit(1);
  });
}
