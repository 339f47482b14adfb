import type { AppConfig } from "../env.server";

/**
 * The base URL for links in mail sent while answering `request`. Production always uses the configured PUBLIC_URL
 * (a Host header is never trusted to build links). In development and tests, when PUBLIC_URL is not set, the
 * request's own origin: someone browsing at http://127.0.0.1:3000 gets links that open there, not at localhost.
 */
export function publicUrlFor(request: Request, config: Pick<AppConfig, "production" | "PUBLIC_URL" | "publicUrlConfigured">): string {
  if (config.production || config.publicUrlConfigured) return config.PUBLIC_URL.replace(/\/+$/, "");
  return new URL(request.url).origin;
}
