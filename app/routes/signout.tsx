import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { revokeSession } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { clearSessionCookie, readSession } from "../utils/session.server";

// Signing out changes state, so it is a POST only; a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const { token } = await readSession(request, context);
  if (token) await revokeSession(context.db, token);
  return redirect("/signin?notice=signedOut", { headers: { "Set-Cookie": await clearSessionCookie(context) } });
}
