import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getHealth } from "../models/health.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await getHealth(context);
  return json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
