import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { splitList } from "../forms/profile";
import { suggestForProfile } from "../models/profile-vocabulary.server";
import { requireUser } from "../utils/session.server";

const querySchema = z.object({
  q: z.string().max(200).optional().default(""),
  certificates: z.string().max(1000).optional().default(""),
});

/** Skills translator for the profile form as the veteran types: specialty suggestions and certificate skills. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return json({ suggestions: [], certificateSkills: [], unrecognizedCertificates: [] }, { status: 400 });
  const help = suggestForProfile(parsed.data.q, splitList(parsed.data.certificates));
  return json(help, { headers: { "Cache-Control": "private, max-age=60" } });
}
