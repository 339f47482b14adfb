import { Form, Link, NavLink, useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import type { loader as rootLoader } from "../root";
import { PUBLIC_NAV, ROLE_NAV } from "./nav-items";
import { Notice } from "./notice";

interface NavItem {
  to: string;
  label: string;
}

export function AppShell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const { t } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const user = data?.user ?? null;
  const locale = data?.locale ?? "zh-CN";
  const otherLocale = locale === "zh-CN" ? "en" : "zh-CN";
  const here = location.pathname + location.search;

  const items: NavItem[] = [{ to: "/", label: t("nav.home") }];
  for (const item of PUBLIC_NAV) items.push({ to: item.to, label: t(`nav.items.${item.key}`) });
  if (user) for (const item of ROLE_NAV[user.role]) items.push({ to: item.to, label: t(`nav.items.${item.key}`) });
  if (data?.devMailbox) items.push({ to: "/dev/mailbox", label: t("nav.mailbox") });

  const navLinks = items.map((item) => (
    <li key={item.to}>
      <NavLink to={item.to} end={item.to === "/"}>
        {item.label}
      </NavLink>
    </li>
  ));

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand" aria-label={`${t("brand.name")} · ${t("brand.tagline")}`}>
            <span className="brand-mark" aria-hidden="true">
              戎
            </span>
            <span className="brand-name">{t("brand.name")}</span>
            <span className="brand-tagline">{t("brand.tagline")}</span>
          </Link>
          <details className="mobile-menu">
            <summary>{t("nav.menu")}</summary>
            <nav aria-label={t("nav.label")}>
              <ul>{navLinks}</ul>
            </nav>
          </details>
          <nav aria-label={t("nav.label")} className="desktop-nav">
            <ul>{navLinks}</ul>
          </nav>
          <div className="header-actions">
            <Form method="post" action="/set-locale" className="inline-form">
              <AuthenticityTokenInput name="csrf" />
              <input type="hidden" name="locale" value={otherLocale} />
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" className="link-button" lang={otherLocale} aria-label={`${t("locale.switchTo")}: ${t(`locale.${otherLocale}`)}`}>
                {t(`locale.${otherLocale}`)}
              </button>
            </Form>
            {user ? (
              <>
                <Link to="/account" className="user-chip">
                  {user.displayName} · {t(`roles.${user.role}`)}
                </Link>
                <Form method="post" action="/signout" className="inline-form">
                  <AuthenticityTokenInput name="csrf" />
                  <button type="submit" className="link-button">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/signin">{t("nav.signIn")}</Link>
                <Link to="/signup" className="button button-small">
                  {t("nav.signUp")}
                </Link>
              </>
            )}
          </div>
        </div>
        {navigation.state !== "idle" ? <div className="progress-bar" role="progressbar" aria-label={t("common.loading")} /> : null}
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {data?.sessionInvalid ? <Notice tone="warning">{t("auth.sessionInvalid")}</Notice> : null}
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("footer.text")}</p>
        </div>
      </footer>
    </>
  );
}
