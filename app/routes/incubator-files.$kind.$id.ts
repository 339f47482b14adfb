import type { LoaderFunctionArgs } from "@remix-run/node";
import { NotFoundError } from "../models/errors";
import { mimeOf } from "../models/incubator-files.server";
import { getTaskEvidence } from "../models/incubator-onboarding.server";
import { getTransferProof } from "../models/incubator-payment.server";
import { requireUser } from "../utils/session.server";
import { downloadResponse, readUpload } from "../utils/upload.server";

/** A transfer proof (`proof`, by payment id) or checklist evidence (`evidence`, by task id): the founder and the park only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = params.id ?? "";
  const file =
    params.kind === "proof" ? await getTransferProof(context.db, user, id) : params.kind === "evidence" ? await getTaskEvidence(context.db, user, id) : null;
  if (!file) throw new NotFoundError();
  return downloadResponse({ bytes: await readUpload(file.path), mime: mimeOf(file.path), filename: file.name }, params.kind ?? "file");
}
