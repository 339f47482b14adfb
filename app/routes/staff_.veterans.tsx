import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/pagination";
import { staffVeteranSearchSchema } from "../forms/profile";
import { formatDate } from "../i18n/format";
import { searchVeteransForStaff } from "../models/veteran-profile-staff.server";
import { describeStaffScope } from "../models/staff-scope.server";
import { StationScope } from "../components/station-scope";
import profileStyles from "../styles/profile.css";
import { requireRole } from "../utils/session.server";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("staffVeterans");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const parsed = staffVeteranSearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const query = parsed.success ? parsed.data : { page: 1 };
  const result = await searchVeteransForStaff(context.db, staff, { ...query, pageSize: 20 });
  return json({ ...result, scope: await describeStaffScope(context.db, staff), q: parsed.success ? (parsed.data.q ?? "") : "", region: parsed.success ? (parsed.data.region ?? "") : "" });
}

export default function StaffVeteransRoute() {
  const { rows, total, page, pageCount, q, region, scope } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("profile");
  const locale = i18n.language === "en" ? "en" : "zh-CN";
  return (
    <section aria-labelledby="veterans-title">
      <h1 id="veterans-title">{t("staff.listTitle")}</h1>
      <StationScope scope={scope} />
      <p className="actions">
        <Link to="/staff/veterans/new" className="button">
          {t("staff.newProfile")}
        </Link>
      </p>
      <Form method="get" className="panel" role="search">
        <div className="field">
          <label htmlFor="veteran-q">{t("staff.search")}</label>
          <input id="veteran-q" name="q" defaultValue={q} maxLength={60} />
        </div>
        <div className="field">
          <label htmlFor="veteran-region">{t("staff.region")}</label>
          <input id="veteran-region" name="region" defaultValue={region} inputMode="numeric" pattern="\d{2,9}" maxLength={9} />
        </div>
        <button type="submit" className="button-secondary">
          {t("staff.searchButton")}
        </button>
      </Form>
      <p className="muted">{t("staff.total", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="empty">{t("staff.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table-cards">
            <thead>
              <tr>
                <th scope="col">{t("staff.columns.name")}</th>
                <th scope="col">{t("staff.columns.phone")}</th>
                <th scope="col">{t("staff.columns.region")}</th>
                <th scope="col">{t("staff.columns.specialty")}</th>
                <th scope="col">{t("staff.columns.visibility")}</th>
                <th scope="col">{t("staff.columns.account")}</th>
                <th scope="col">{t("staff.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label={t("staff.columns.name")}>
                    <Link to={`/staff/veterans/${r.id}`}>{r.fullName}</Link>
                  </td>
                  <td data-label={t("staff.columns.phone")}>{r.phone ?? ""}</td>
                  <td data-label={t("staff.columns.region")}>{r.regionName ?? r.regionCode ?? ""}</td>
                  <td data-label={t("staff.columns.specialty")}>{r.specialty ?? ""}</td>
                  <td data-label={t("staff.columns.visibility")}>{t(`visibilityShort.${r.visibility}`)}</td>
                  <td data-label={t("staff.columns.account")}>{r.hasAccount ? t("staff.hasAccount") : t("staff.noAccount")}</td>
                  <td data-label={t("staff.columns.updated")}>{formatDate(r.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
