import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { pageMeta } from "../i18n/meta";
import { listSlotEnrolments } from "../models/training-rosters.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("employerTrainingIdEnrolments");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer", "staff", "admin");
  return json(await listSlotEnrolments(context.db, user, params.id ?? ""));
}

/** Who enrolled on one of the provider's courses: enrolled first, then the waitlist in order, then cancellations. */
export default function TrainingEnrolmentsRoute() {
  const { slot, enrolments } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("ux");
  const locale: Locale = i18n.language === "en" ? "en" : "zh-CN";
  const enrolled = enrolments.filter((e) => e.status === "enrolled").length;
  const waitlisted = enrolments.filter((e) => e.status === "waitlisted").length;
  return (
    <section aria-labelledby="roster-title">
      <p>
        <Link to="/employer/training">{t("roster.back")}</Link>
      </p>
      <h1 id="roster-title">{t("roster.title", { title: slot.title })}</h1>
      <p>{t("roster.intro", { count: slot.capacity, enrolled, waitlisted })}</p>
      {enrolments.length === 0 ? (
        <p className="empty">{t("roster.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table-cards">
            <thead>
              <tr>
                <th scope="col">{t("roster.columns.name")}</th>
                <th scope="col">{t("roster.columns.status")}</th>
                <th scope="col">{t("roster.columns.specialty")}</th>
                <th scope="col">{t("roster.columns.enrolledAt")}</th>
              </tr>
            </thead>
            <tbody>
              {enrolments.map((e) => (
                <tr key={e.id}>
                  <td data-label={t("roster.columns.name")}>{e.name}</td>
                  <td data-label={t("roster.columns.status")}>
                    <span className={`status-pill enrolment-${e.status}`}>{t(`myTraining.status.${e.status}`, { position: e.position ?? "" })}</span>
                  </td>
                  <td data-label={t("roster.columns.specialty")}>{e.specialty ? (locale === "en" ? e.specialty.en : e.specialty.zh) : "—"}</td>
                  <td data-label={t("roster.columns.enrolledAt")}>{formatDateTime(e.enrolledAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
