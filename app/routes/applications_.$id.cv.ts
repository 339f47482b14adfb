import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCvForDownload } from "../models/application-employer.server";
import { requireUser } from "../utils/session.server";
import { downloadResponse } from "../utils/upload.server";

/**
 * The CV of an application, for the applicant, the members of the job's organisation and staff only (404 for
 * everyone else). Always a download (never rendered inline), with the type found from the content; the server adds
 * X-Content-Type-Options: nosniff to every response (server.ts), so browsers never guess another type.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const cv = await getCvForDownload(context.db, user, params.id ?? "");
  return downloadResponse({ bytes: cv.bytes, mime: cv.mime, filename: cv.filename }, "cv");
}
