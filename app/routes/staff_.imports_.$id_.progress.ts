import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getImportProgress } from "../models/import.server";
import { requireRole } from "../utils/session.server";

/** The progress poll of an import run (JSON): processed and total rows, counts, percent, status. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const progress = await getImportProgress(context.db, staff, params.id ?? "");
  return json(progress, { headers: { "Cache-Control": "no-store" } });
}
