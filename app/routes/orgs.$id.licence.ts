import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOrganizationLicence } from "../models/organization-licence.server";
import { requireUser } from "../utils/session.server";
import { downloadResponse } from "../utils/upload.server";

/** The organisation's business licence scan, for its members and staff only (404 for everyone else; staff reads audited). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return downloadResponse(await getOrganizationLicence(context.db, user, params.id ?? ""), "licence");
}
