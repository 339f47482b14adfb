import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { Salary } from "../components/salary";
import { getLocale } from "../i18n/locale.server";
import { matchesForUser } from "../models/matching.server";
import { listMyOrganizations } from "../models/authz.server";
import { getEmployerInbox, type InboxItem } from "../models/application-inbox.server";
import { formatDate } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { myApplicationsForJobs } from "../models/training-rosters.server";
import { AppliedBadge } from "../components/applied-badge";
import { requireUser } from "../utils/session.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("dashboard");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context, user);
  const matches = user.role === "veteran" ? await matchesForUser(context.db, context.search, user, locale, 8) : null;
  const inbox = user.role === "employer" ? await getEmployerInbox(context.db, user) : null;
  const applied = await myApplicationsForJobs(context.db, user, matches?.jobs.map((m) => m.id) ?? []);
  return json({ user, organizations: await listMyOrganizations(context.db, user.id), matches, hasProfile: matches !== null, inbox, applied });
}

export default function DashboardRoute() {
  const { user, organizations, matches, inbox, applied } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { t: tx } = useTranslation("ux");
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t("dashboard.welcome", { name: user.displayName })}</h1>
      <p className="muted">{t(`roles.${user.role}`)}</p>
      {organizations.map((org) => (
        <Notice key={org.id} tone={org.verificationStatus === "verified" ? "success" : org.verificationStatus === "rejected" ? "error" : "info"}>
          {org.verificationStatus === "verified"
            ? t("dashboard.orgVerified", { name: org.name })
            : org.verificationStatus === "rejected"
              ? t("dashboard.orgRejected", { name: org.name, reason: org.rejectionReason ?? "" })
              : t("dashboard.orgPending", { name: org.name })}
        </Notice>
      ))}
      {inbox ? (
        <div className="home-grid">
          <InboxPanel id="inbox-fresh" title={tx("inbox.freshTitle")} empty={tx("inbox.noFresh")} items={inbox.fresh} total={inbox.freshCount} />
          <InboxPanel id="inbox-overdue" title={tx("inbox.overdueTitle")} empty={tx("inbox.noOverdue")} items={inbox.overdue} total={inbox.overdueCount} />
        </div>
      ) : null}
      {inbox ? (
        <p>
          <Link to="/employer/jobs">{tx("inbox.allJobs")}</Link>
        </p>
      ) : null}
      {user.role === "veteran" ? (
        matches ? (
          <div className="home-grid">
            <section aria-labelledby="matches-title" className="panel">
              <h2 id="matches-title">{t("dashboard.matchesTitle")}</h2>
              {matches.jobs.length === 0 ? (
                <p className="empty">{t("dashboard.noMatches")}</p>
              ) : (
                <ol className="card-list">
                  {matches.jobs.map((m) => (
                    <li key={m.id} className="card">
                      <h3>
                        <Link to={`/jobs/${m.id}`}>{m.title}</Link>
                      </h3>
                      <p className="card-meta">
                        {m.organization} · {m.regionName} ·{" "}
                        <strong>
                          <Salary min={m.salaryMin} max={m.salaryMax} />
                        </strong>
                      </p>
                      <p className="card-meta">
                        {t("dashboard.matchScore", { score: Math.round(m.score * 100) })} <AppliedBadge applied={applied[m.id]} />
                      </p>
                      <ul className="reasons" aria-label={t("dashboard.reasons")}>
                        {m.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                      {m.missingSkills.length ? (
                        <p className="card-meta">{t("dashboard.missingSkills", { skills: m.missingSkills.join(" · ") })}</p>
                      ) : null}
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section aria-labelledby="gap-title" className="panel">
              <h2 id="gap-title">{t("dashboard.trainingTitle")}</h2>
              {matches.training.length === 0 ? (
                <p className="empty">{t("dashboard.noTraining")}</p>
              ) : (
                <ul className="card-list">
                  {matches.training.map((s) => (
                    <li key={s.id} className="card">
                      <h3>
                        <Link to={`/training/${s.id}`}>{s.title}</Link>
                      </h3>
                      <p className="card-meta">
                        {s.organization} · {s.regionName}
                      </p>
                      <p className="card-meta">{t("dashboard.teaches", { skills: s.teaches.join(" · ") })}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        ) : (
          <Notice tone="info">
            {t("dashboard.noProfile")} <Link to="/profile">{t("dashboard.buildProfile")}</Link>
          </Notice>
        )
      ) : null}
    </section>
  );
}

/** New or overdue applications, each linked to its page, with the count of any not listed. */
function InboxPanel({ id, title, empty, items, total }: { id: string; title: string; empty: string; items: SerializeFrom<InboxItem>[]; total: number }) {
  const { t: tx, i18n } = useTranslation("ux");
  const locale: Locale = i18n.language === "en" ? "en" : "zh-CN";
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>
        {title} <span className="badge">{total}</span>
      </h2>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="card-list">
          {items.map((a) => (
            <li key={a.id} className="card card-link">
              <h3>
                <Link to={`/employer/applications/${a.id}`}>{tx("inbox.item", { name: a.applicantName, job: a.jobTitle })}</Link>
              </h3>
              <p className="card-date">{tx("inbox.appliedOn", { date: formatDate(a.createdAt, locale) })}</p>
            </li>
          ))}
        </ul>
      )}
      {total > items.length ? <p className="muted">{tx("inbox.more", { count: total - items.length })}</p> : null}
    </section>
  );
}
