// The public JSON API over the same search as /jobs: published, live jobs only; readable from any origin.
// server.ts answers /api/jobs from Express before Remix sees it; this route serves the same function (one
// implementation) wherever the request does reach Remix.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicJobsApi, type PublicApiReply } from "../models/job-search.server";
import { clientAddress } from "../utils/client-address.server";

function send(reply: PublicApiReply): Response {
  if (reply.body === null) return new Response(null, { status: reply.status, headers: reply.headers });
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { ...reply.headers, "Content-Type": "application/json; charset=utf-8" },
  });
}

async function answer({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const reply = await publicJobsApi(context, {
    method: request.method,
    searchParams: new URL(request.url).searchParams,
    clientIp: clientAddress(request),
  });
  return send(reply);
}

// Remix hands GET, HEAD and OPTIONS (the CORS preflight) to the loader, other methods to the action.
export const loader = answer;
export const action = answer;
