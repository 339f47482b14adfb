// One-click unsubscribe (RFC 8058) for the List-Unsubscribe header of saved-search digests: the mail client POSTs
// `List-Unsubscribe=One-Click` here. The token in the URL is the permission (no session, no form token).
import type { ActionFunctionArgs } from "@remix-run/node";
import { DomainError } from "../models/errors";
import { unsubscribeSavedSearch } from "../models/saved-search.server";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    await unsubscribeSavedSearch(context.db, token);
    return new Response("unsubscribed", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch (error) {
    if (error instanceof DomainError) return new Response("invalid unsubscribe link", { status: error.status });
    throw error;
  }
}
