import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatDay } from "../i18n/format";
import { exportMyData } from "../models/data-rights.server";
import { requireUser } from "../utils/session.server";

/** Everything Rongye holds about the signed-in user, as a JSON download (PIPL data portability). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const data = await exportMyData(context.db, user, context.config.DATA_ENCRYPTION_KEY);
  const day = formatDay(new Date());
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="rongye-data-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
