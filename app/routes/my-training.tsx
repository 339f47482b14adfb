import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { pageMeta } from "../i18n/meta";
import { listMyEnrolments } from "../models/training-rosters.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("myTraining");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  return json({ enrolments: await listMyEnrolments(context.db, user) });
}

/** The veteran's own training: each course enrolled on or waited for, with where they stand. */
export default function MyTrainingRoute() {
  const { enrolments } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("ux");
  const locale: Locale = i18n.language === "en" ? "en" : "zh-CN";
  return (
    <section aria-labelledby="my-training-title">
      <h1 id="my-training-title">{t("myTraining.title")}</h1>
      <p>{t("myTraining.intro")}</p>
      {enrolments.length === 0 ? (
        <p className="empty">
          {t("myTraining.empty")} <Link to="/training">{t("myTraining.browse")}</Link>
        </p>
      ) : (
        <ul className="card-list" aria-labelledby="my-training-title">
          {enrolments.map((e) => (
            <li key={e.id} className="card card-link">
              <h3>
                <Link to={`/training/${e.slotId}`}>{e.title}</Link>
              </h3>
              <p className="card-meta">
                {e.organizationName}
                {e.place ? ` · ${e.place}` : ""}
              </p>
              <p className="card-meta">{t("myTraining.schedule", { start: formatDate(e.startsAt, locale), end: formatDate(e.endsAt, locale) })}</p>
              <p className="card-badges">
                <span className={`status-pill enrolment-${e.status}`}>{t(`myTraining.status.${e.status}`, { position: e.position ?? "" })}</span>
              </p>
              <p className="card-date">{t("myTraining.enrolledOn", { date: formatDate(e.enrolledAt, locale) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
