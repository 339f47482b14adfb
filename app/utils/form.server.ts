import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { CSRFError } from "remix-utils/csrf/server";
import { cookies } from "./session.server";

export const MAX_FORM_BYTES = 1024 * 1024;
/**
 * No form of ours has more than a few hundred fields (the profile's longest list is 40 skills). Past this a post
 * is refused before any route sees it, so no list can make a route do work in proportion to its square.
 */
export const MAX_FORM_FIELDS = 1000;

/** Count fields as they are read; past MAX_FORM_FIELDS the post is refused with 413. */
export function fieldCounter(): () => void {
  let fields = 0;
  return () => {
    fields += 1;
    if (fields > MAX_FORM_FIELDS) throw json({ message: "errors.tooManyFields" }, { status: 413 });
  };
}

/**
 * Read a form post and check its CSRF token (double-submit, signed cookie). Every action goes through here, so
 * no state changes without a token from our own page. A bad token is a 403 with a message, never a crash.
 */
export async function readForm(request: Request, context: AppLoadContext): Promise<FormData> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FORM_BYTES) throw json({ message: "errors.tooLarge" }, { status: 413 });
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw json({ message: "errors.badForm" }, { status: 400 });
  }
  const count = fieldCounter();
  formData.forEach(() => count());
  try {
    await cookies(context.config).csrf.validate(formData, request.headers);
  } catch (error) {
    if (error instanceof CSRFError) throw json({ message: "errors.csrf" }, { status: 403 });
    throw error;
  }
  return formData;
}
