import { Form, Link, NavLink, useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import type { loader as rootLoader } from "../root";
import { PUBLIC_NAV, ROLE_NAV } from "./nav-items";
import { FLASH_MESSAGES } from "./flash";
import { Notice } from "./notice";

interface NavItem {
  to: string;
  label: string;
}

/**
 * A disclosure menu (details/summary, so it works without JavaScript) that closes again when the page changes, on
 * Escape, and when focus or a click goes elsewhere.
 */
function Menu({ label, className, children }: { label: string; className: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const close = (event: Event) => {
      const el = ref.current;
      if (el?.open && event.target instanceof Node && !el.contains(event.target)) el.open = false;
    };
    document.addEventListener("click", close);
    document.addEventListener("focusin", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("focusin", close);
    };
  }, []);
  return (
    <details
      ref={ref}
      className={className}
      onKeyDown={(event) => {
        if (event.key === "Escape" && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary>{label}</summary>
      {children}
    </details>
  );
}

function NavList({ items }: { items: NavItem[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.to === "/"}>
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * The page frame. The header is one row on desktop: brand, the public sections, the signed-in person's workspace
 * (their role's pages, in one menu so the row never wraps however many a role has), language and account. On
 * phones the sections and the workspace fold into one menu; nothing is wider than the screen.
 */
export function AppShell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const { t } = useTranslation();
  const { t: tx } = useTranslation("ux");
  const location = useLocation();
  const navigation = useNavigation();
  const user = data?.user ?? null;
  const locale = data?.locale ?? "zh-CN";
  const otherLocale = locale === "zh-CN" ? "en" : "zh-CN";
  const here = location.pathname + location.search;

  const publicItems: NavItem[] = PUBLIC_NAV.map((item) => ({ to: item.to, label: t(`nav.items.${item.key}`) }));
  const roleItems: NavItem[] = user ? ROLE_NAV[user.role].map((item) => ({ to: item.to, label: t(`nav.items.${item.key}`) })) : [];
  const inWorkspace = roleItems.some((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`));

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
          <Menu label={t("nav.menu")} className="mobile-menu">
            <nav aria-label={t("nav.label")} className="mobile-menu-panel">
              <NavList items={[{ to: "/", label: t("nav.home") }, ...publicItems]} />
              {roleItems.length ? (
                <>
                  <p className="mobile-menu-heading">{tx("nav.workspace")}</p>
                  <NavList items={roleItems} />
                </>
              ) : null}
            </nav>
          </Menu>
          <nav aria-label={t("nav.label")} className="desktop-nav">
            <ul>
              {publicItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
              {roleItems.length ? (
                <li>
                  <Menu label={tx("nav.workspace")} className={inWorkspace ? "nav-menu active" : "nav-menu"}>
                    <div className="nav-menu-panel">
                      <NavList items={roleItems} />
                    </div>
                  </Menu>
                </li>
              ) : null}
            </ul>
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
                <Link to="/account" className="user-chip" title={`${user.displayName} · ${t(`roles.${user.role}`)}`}>
                  <span className="user-chip-name">{user.displayName}</span>
                  <span className="user-chip-role"> · {t(`roles.${user.role}`)}</span>
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
        {data?.flash ? <Notice tone={data.flash.tone}>{t(FLASH_MESSAGES[data.flash.key], data.flash.values)}</Notice> : null}
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("footer.text")}</p>
          {data?.devMailbox ? (
            <p>
              <Link to="/dev/mailbox">{tx("devMailboxLink")}</Link>
            </p>
          ) : null}
        </div>
      </footer>
    </>
  );
}
