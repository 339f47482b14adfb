import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getHealth, healthForCaller } from "../models/health.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const health = await getHealth(context);
  return json(healthForCaller(health, context.config, request.headers.get("authorization")), { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
