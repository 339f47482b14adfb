import type { AppLoadContext } from "@remix-run/node";
import { cookies } from "../utils/session.server";
import type { SessionUser } from "../models/user.server";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage } from "./index";
import { type Locale } from "../../db/enums";

/** The request's language: the switch's cookie, then the account's setting, then Accept-Language, then zh-CN. */
export async function getLocale(request: Request, context: AppLoadContext, user?: SessionUser | null): Promise<Locale> {
  const fromCookie = await cookies(context.config).locale.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (user && isLocale(user.locale)) return user.locale;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}
