import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { listChildRegions } from "../models/region.server";

const querySchema = z.object({ parent: z.string().regex(/^\d{6,9}$/).optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return json({ message: "errors.regionCode", regions: [] }, { status: 400 });
  const regions = await listChildRegions(context.db, parsed.data.parent ?? null);
  return json({ regions }, { headers: { "Cache-Control": "public, max-age=3600" } });
}
