// The public JSON API over the same search as /jobs: published, live jobs only; readable from any origin.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseJobSearch, searchPublicJobs } from "../models/job-search.server";
import { clientIp } from "../utils/http.server";
import { consumeRateLimit, RateLimitedError, type RateLimitRule } from "../utils/rate-limit.server";

const API_JOBS_RATE_LIMIT: RateLimitRule = { limit: 120, windowSeconds: 60 };

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type",
  "Access-Control-Max-Age": "86400",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Remix hands OPTIONS to the loader: the CORS preflight.
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });

  if (context.config.RATE_LIMIT_DISABLED !== "true") {
    try {
      await consumeRateLimit(context.db, `api-jobs:${clientIp(request)}`, API_JOBS_RATE_LIMIT);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return json(
        { error: "rate_limited", message: `Too many requests; try again in ${error.retryAfterSeconds} seconds.` },
        { status: 429, headers: { ...CORS_HEADERS, "Retry-After": String(error.retryAfterSeconds) } },
      );
    }
  }

  const parsed = parseJobSearch(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return json(
      { error: "bad_request", message: parsed.issues.map((i) => i.message).join("; "), issues: parsed.issues },
      { status: 400, headers: CORS_HEADERS },
    );
  }
  const result = await searchPublicJobs(context.db, context.search, parsed.value, { publicUrl: context.config.PUBLIC_URL });
  return json(result, { headers: { ...CORS_HEADERS, "Cache-Control": "public, max-age=60" } });
}

export async function action({ request }: ActionFunctionArgs) {
  return json(
    { error: "method_not_allowed", message: `${request.method} is not supported; use GET.` },
    { status: 405, headers: { ...CORS_HEADERS, Allow: "GET, HEAD, OPTIONS" } },
  );
}
