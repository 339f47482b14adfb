import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "../../db/enums";
import { setUserLocale } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { safeRedirectPath } from "../utils/http.server";
import { cookies, getUser } from "../utils/session.server";

const schema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

/** The language switch: remembered in a cookie, and on the account when signed in (so mail follows it too). */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Bad locale", { status: 400 });
  const user = await getUser(request, context);
  if (user) await setUserLocale(context.db, user.id, parsed.data.locale);
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await cookies(context.config).locale.serialize(parsed.data.locale) },
  });
}
