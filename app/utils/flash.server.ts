import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { z } from "zod";
import type { AppConfig } from "../env.server";
import { FLASH_KEYS } from "../components/flash";

/**
 * A one-time note shown on the page a redirect lands on ("status changed", "saved"), carried in a short-lived signed
 * cookie that the root loader reads and clears. After a form posts and redirects, the page is a fresh GET: the form
 * is empty again, reloading does not repeat the post, and the note is not stuck in the address bar.
 */

const flashSchema = z.object({
  key: z.enum(FLASH_KEYS),
  tone: z.enum(["success", "info", "warning"]).default("success"),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Flash = z.infer<typeof flashSchema>;

const cache = new WeakMap<AppConfig, Cookie>();
function flashCookie(config: AppConfig): Cookie {
  let cookie = cache.get(config);
  if (!cookie) {
    cookie = createCookie("__flash", {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.production,
      secrets: [config.SESSION_SECRET],
      maxAge: 60,
    });
    cache.set(config, cookie);
  }
  return cookie;
}

/** Redirect to `to` with a note for the next page. */
export async function redirectWithFlash(context: AppLoadContext, to: string, flash: z.input<typeof flashSchema>, init: { headers?: Headers } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie(context.config).serialize(flashSchema.parse(flash)));
  return redirect(to, { headers });
}

/** The note waiting for this request (if any) and the Set-Cookie header that clears it. */
export async function readFlash(request: Request, context: AppLoadContext): Promise<{ flash: Flash | null; clear: string | null }> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("__flash=")) return { flash: null, clear: null };
  const cookie = flashCookie(context.config);
  const parsed = flashSchema.safeParse(await cookie.parse(header));
  return { flash: parsed.success ? parsed.data : null, clear: await cookie.serialize("", { maxAge: 0 }) };
}
