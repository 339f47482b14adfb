import { createCookie, redirect, type Cookie } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { CSRF } from "remix-utils/csrf/server";
import type { AppConfig } from "../env.server";
import { getSessionUser, type Role, type SessionUser } from "../models/user.server";

interface Cookies {
  session: Cookie;
  locale: Cookie;
  csrf: CSRF;
}
const cache = new WeakMap<AppConfig, Cookies>();

/** Cookies are built once per configuration: signed with SESSION_SECRET, httpOnly, SameSite=Lax, Secure in production. */
export function cookies(config: AppConfig): Cookies {
  let c = cache.get(config);
  if (!c) {
    const base = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: config.production };
    c = {
      session: createCookie("__session", { ...base, secrets: [config.SESSION_SECRET], maxAge: 30 * 24 * 3600 }),
      locale: createCookie("lng", { ...base, maxAge: 365 * 24 * 3600 }),
      csrf: new CSRF({
        cookie: createCookie("csrf", { ...base, secrets: [config.SESSION_SECRET] }),
        formDataKey: "csrf",
        secret: config.SESSION_SECRET,
      }),
    };
    cache.set(config, c);
  }
  return c;
}

export interface SessionState {
  user: SessionUser | null;
  token: string | null;
  /** A session cookie was sent but its signature or session did not check out. */
  invalid: boolean;
}

export async function readSession(request: Request, context: AppLoadContext): Promise<SessionState> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("__session=")) return { user: null, token: null, invalid: false };
  const token = (await cookies(context.config).session.parse(header)) as unknown;
  if (typeof token !== "string" || token.length < 20) return { user: null, token: null, invalid: true };
  const user = await getSessionUser(context.db, token);
  return { user, token, invalid: !user };
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  return (await readSession(request, context)).user;
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export async function requireRole(request: Request, context: AppLoadContext, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

export async function commitSessionCookie(context: AppLoadContext, token: string): Promise<string> {
  return cookies(context.config).session.serialize(token);
}

export async function clearSessionCookie(context: AppLoadContext): Promise<string> {
  return cookies(context.config).session.serialize("", { maxAge: 0 });
}
