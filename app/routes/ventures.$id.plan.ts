import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPlanForDownload } from "../models/incubator-application.server";
import { mimeOf } from "../models/incubator-files.server";
import { requireUser } from "../utils/session.server";
import { downloadResponse, readUpload } from "../utils/upload.server";

/** The business plan of a founder application: the founder, the park's members and staff (audited), 404 otherwise. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const plan = await getPlanForDownload(context.db, user, params.id ?? "");
  return downloadResponse({ bytes: await readUpload(plan.path), mime: mimeOf(plan.path), filename: plan.name }, "plan.pdf");
}
