import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { revokeAllSessions } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { clearSessionCookie, requireUser } from "../utils/session.server";

export async function loader() {
  return redirect("/account");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const user = await requireUser(request, context);
  await revokeAllSessions(context.db, user.id);
  return redirect("/signin?notice=signOutEverywhereDone", { headers: { "Set-Cookie": await clearSessionCookie(context) } });
}
