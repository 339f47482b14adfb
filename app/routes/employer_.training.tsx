import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { trainingFee } from "../forms/training";
import { formatDate, formatFen } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getActingOrganization } from "../models/authz.server";
import { listOrganizationTrainingSlots } from "../models/training-slot.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("employerTraining");

const POSTING_KINDS = ["training_provider", "employer"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer", "staff", "admin");
  const organization = await getActingOrganization(context.db, user.id);
  if (!organization) return json({ organization: null, canPost: false, slots: [] });
  const canPost = POSTING_KINDS.includes(organization.kind);
  const slots = canPost ? await listOrganizationTrainingSlots(context.db, user, organization.id) : [];
  return json({ organization: { id: organization.id, name: organization.name }, canPost, slots });
}

export default function EmployerTrainingRoute() {
  const { organization, canPost, slots } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("training");
  const { t: tx } = useTranslation("ux");
  const [params] = useSearchParams();
  const locale = i18n.language as Locale;
  const promoted = Number(params.get("promoted") ?? "0");
  return (
    <section aria-labelledby="employer-training-title" className="training-admin">
      <h1 id="employer-training-title">{t("employer.title")}</h1>
      {organization ? <p className="muted">{organization.name}</p> : null}
      <p>{t("employer.intro")}</p>
      {params.get("created") ? <Notice tone="success">{t("employer.created")}</Notice> : null}
      {params.get("updated") ? (
        <Notice tone="success">
          {t("employer.updated")} {promoted > 0 ? t("employer.promoted", { count: promoted }) : null}
        </Notice>
      ) : null}
      {!organization ? (
        <Notice tone="warning">{t("employer.noOrganization")}</Notice>
      ) : !canPost ? (
        <Notice tone="warning">{t("employer.wrongKind")}</Notice>
      ) : (
        <>
          <p>
            <Link to="/employer/training/new" className="button">
              {t("employer.create")}
            </Link>
          </p>
          {slots.length === 0 ? (
            <p className="empty">{t("employer.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("employer.columns.title")}</th>
                    <th scope="col">{t("employer.columns.schedule")}</th>
                    <th scope="col">{t("employer.columns.seats")}</th>
                    <th scope="col">{t("employer.columns.waitlisted")}</th>
                    <th scope="col">{t("employer.columns.fee")}</th>
                    <th scope="col">{t("employer.columns.status")}</th>
                    <th scope="col">{t("employer.columns.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {slots.map((s) => {
                    const fee = trainingFee(s.feeFen, s.subsidyFen);
                    return (
                      <tr key={s.id}>
                        <td>{s.title}</td>
                        <td>
                          {t("detail.scheduleRange", { start: formatDate(s.startsAt, locale), end: formatDate(s.endsAt, locale) })}
                        </td>
                        <td>
                          {s.seatsTaken} / {s.capacity}
                        </td>
                        <td>{s.waitlisted}</td>
                        <td>
                          {formatFen(fee.feeFen, locale)}
                          {fee.subsidyFen > 0 ? (
                            <span className="muted">
                              {" "}
                              ({t("detail.subsidy")} {formatFen(fee.subsidyFen, locale)})
                            </span>
                          ) : null}
                        </td>
                        <td>
                          <span className="status-pill">{t(`status.${s.status}`)}</span>
                        </td>
                        <td className="training-row-actions">
                          <Link to={`/training/${s.id}`}>{t("employer.view")}</Link>
                          <Link to={`/employer/training/${s.id}/enrolments`} aria-label={tx("roster.linkLabel", { title: s.title })}>
                            {tx("roster.link")}
                          </Link>
                          <Link to={`/employer/training/${s.id}/edit`} aria-label={`${t("employer.edit")} ${s.title}`}>
                            {t("employer.edit")}
                          </Link>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
