import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenProvider } from "remix-utils/csrf/react";
import { useEffect } from "react";
import { AppShell } from "./components/app-shell";
import { getLocale } from "./i18n/locale.server";
import { cookies, readSession, clearSessionCookie } from "./utils/session.server";
import { useNonce } from "./utils/nonce";
import { readFlash } from "./utils/flash.server";
import stylesHref from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "戎业 Rongye" }];

/** The error page of a 503 (the database is away) keeps the loader's Retry-After, and is never cached. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) {
    headers.set("Retry-After", retryAfter);
    headers.set("Cache-Control", "no-store");
  }
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await readSession(request, context);
  const locale = await getLocale(request, context, session.user);
  const [csrfToken, csrfCookie] = await cookies(context.config).csrf.commitToken(request);
  const headers = new Headers();
  if (csrfCookie) headers.append("Set-Cookie", csrfCookie);
  if (session.invalid) headers.append("Set-Cookie", await clearSessionCookie(context));
  const { flash, clear } = await readFlash(request, context);
  if (clear) headers.append("Set-Cookie", clear);
  return json(
    {
      user: session.user,
      locale,
      csrfToken,
      sessionInvalid: session.invalid,
      flash,
      devMailbox: !context.config.production && context.mailer.kind === "dev",
    },
    { headers },
  );
}

export type RootLoaderData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const { i18n } = useTranslation();
  const nonce = useNonce();
  const locale = data?.locale ?? i18n.language ?? "zh-CN";
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [i18n, locale]);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRootData();
  return (
    <AuthenticityTokenProvider token={data?.csrfToken ?? "unavailable"}>
      <AppShell>
        <Outlet />
      </AppShell>
    </AuthenticityTokenProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const data = useRootData();
  let title = t("errorPage.errorTitle");
  let text = t("errorPage.errorText");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (error.status === 404) {
      title = t("errorPage.notFoundTitle");
      text = t("errorPage.notFoundText");
    } else if (error.status === 403) {
      title = t("errorPage.forbiddenTitle");
      text = t("errorPage.forbiddenText");
    } else if (error.status === 503) {
      title = t("errorPage.unavailableTitle");
      text = t("errorPage.databaseUnavailable");
    }
    // A thrown json({ message }) carries an i18n key that says exactly what went wrong.
    const message = error.data && typeof error.data === "object" && "message" in error.data ? String(error.data.message) : null;
    if (message && /^[a-z]+(:[a-zA-Z]+)?\.[a-zA-Z.]+$/.test(message)) text = t(message);
  }
  return (
    <AuthenticityTokenProvider token={data?.csrfToken ?? "unavailable"}>
      <AppShell>
        <section className="error-page" aria-labelledby="error-title">
          <p className="error-status">{status}</p>
          <h1 id="error-title">{title}</h1>
          <p>{text}</p>
          <a className="button" href="/">
            {t("errorPage.backHome")}
          </a>
        </section>
      </AppShell>
    </AuthenticityTokenProvider>
  );
}
