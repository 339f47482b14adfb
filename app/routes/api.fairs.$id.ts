// GET /api/fairs/:id — one fair with its figures (registrations, attendees, chats, interviews, offers, signed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fairsApiReply } from "../models/fair-report.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return fairsApiReply(context.db, request, params.id ?? "");
}
