/**
 * The client's address for rate limits. `server.ts` sets this header from Express's `req.ip` (which trusts
 * X-Forwarded-For only behind our proxy) and overwrites any value a client sent, so it cannot be forged.
 */
export function clientIp(request: Request): string {
  return request.headers.get("x-rongye-client-ip") || "local";
}

/** Only same-site relative paths may be redirect targets (no open redirects). */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
