// One-click unsubscribe (RFC 8058) for the List-Unsubscribe header of saved-search digests: the mail client POSTs
// `List-Unsubscribe=One-Click` here. The token in the URL is the permission (no session, no form token, any origin:
// server.ts lets this path through its same-origin check, since the POST comes from the mail provider).
import type { ActionFunctionArgs } from "@remix-run/node";
import { DomainError } from "../models/errors";
import { unsubscribeSavedSearch } from "../models/saved-search.server";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  // RFC 8058 section 3.2: the body is exactly the List-Unsubscribe=One-Click pair; anything else is not this request
  const body = new URLSearchParams((await request.text()).slice(0, 1000));
  if (body.get("List-Unsubscribe") !== "One-Click") {
    return new Response("expected List-Unsubscribe=One-Click", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    await unsubscribeSavedSearch(context.db, token);
    return new Response("unsubscribed", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch (error) {
    if (error instanceof DomainError) return new Response("invalid unsubscribe link", { status: error.status });
    throw error;
  }
}
