import { json } from "@remix-run/node";

/** Throw a Response when a condition fails: `invariantResponse(job, "Not found", { status: 404 })`. */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) {
    throw json({ message }, { status: 400, ...init });
  }
}

export function clientIp(request: Request): string {
  return (
    request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ||
    request.headers.get("x-real-ip") ||
    request.headers.get("x-client-ip") ||
    "local"
  );
}

/** Only same-site relative paths may be redirect targets (no open redirects). */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
