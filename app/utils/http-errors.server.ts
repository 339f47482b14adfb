import { json, type ServerBuild } from "@remix-run/node";
import { isDatabaseUnavailable, safeErrorMessage } from "../../db/errors";
import { isDomainError, type DomainError } from "../models/errors";

/**
 * The one path from a domain error to an HTTP answer. Models throw DomainError (NotFoundError → 404,
 * ForbiddenError → 403, a 409 conflict, a 400 rule) and never build responses; loaders and actions let those errors
 * through, and `mapDomainErrors` (applied to the whole build in server.ts) turns each into the response the root
 * error boundary draws: its status, with the i18n key as `message`. Routes catch a DomainError only to show it inside
 * a form (see `replyWithError`), never to translate it into a status.
 */
export function domainErrorResponse(error: DomainError): Response {
  return json({ message: error.code }, { status: error.status });
}

/** Seconds a client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

let lastUnavailableLog = 0;

/**
 * The database cannot be reached (connections killed, server restarting): 503 with Retry-After, and the message
 * key the error page shows in the reader's language. Logged at most every 10 s, without parameters, so an outage
 * under load does not flood the log.
 */
export function databaseUnavailableResponse(error: unknown): Response {
  const now = Date.now();
  if (now - lastUnavailableLog > 10_000) {
    lastUnavailableLog = now;
    console.error(`[rongye] database unavailable, answering 503: ${safeErrorMessage(error)}`);
  }
  return json(
    { message: "errorPage.databaseUnavailable" },
    { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

type DataFunction = (...args: never[]) => unknown;

/**
 * A loader or action whose DomainErrors are thrown as their HTTP response instead of becoming a 500, and whose
 * "database unreachable" errors become 503 (the pool reconnects by itself: the next request after the database
 * is back succeeds, no restart).
 */
export function withDomainErrors<F extends DataFunction>(fn: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isDomainError(error)) throw domainErrorResponse(error);
      if (isDatabaseUnavailable(error)) throw databaseUnavailableResponse(error);
      throw error;
    }
  };
  return wrapped as unknown as F;
}

/** Every route's loader and action wrapped with `withDomainErrors` (route modules themselves are left as they are). */
export function mapDomainErrors(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: withDomainErrors(loader) } : {}),
        ...(action ? { action: withDomainErrors(action) } : {}),
      },
    };
  }
  return { ...build, routes };
}
