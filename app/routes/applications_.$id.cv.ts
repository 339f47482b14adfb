import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCvForDownload } from "../models/application.server";
import { requireUser } from "../utils/session.server";
import { contentDisposition } from "../utils/upload.server";

/**
 * The CV of an application, for the applicant, the members of the job's organisation and staff only (404 for
 * everyone else). Always a download (never rendered inline), with the type found from the content; the server adds
 * X-Content-Type-Options: nosniff to every response (server.ts), so browsers never guess another type.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const cv = await getCvForDownload(context.db, user, params.id ?? "");
  return new Response(new Uint8Array(cv.bytes), {
    status: 200,
    headers: {
      "Content-Type": cv.mime,
      "Content-Length": String(cv.bytes.byteLength),
      "Content-Disposition": contentDisposition(cv.filename, "cv"),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
