// GET /api/fairs — published job fairs as public JSON for bureau websites (CORS like /api/jobs). README documents it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fairsApiReply } from "../models/fair-report.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return fairsApiReply(context.db, request, null);
}
