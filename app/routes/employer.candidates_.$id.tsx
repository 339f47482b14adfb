import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { contactRequestSchema } from "../forms/profile";
import { requestContact } from "../models/contact-request.server";
import { DomainError } from "../models/errors";
import { describeRole, describeSkills } from "../models/profile-vocabulary.server";
import { getProfileForEmployer } from "../models/veteran-profile-employer.server";
import { regionNames } from "../models/region.server";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { joinList } from "../components/punctuation";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("employerCandidatesId");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const candidate = await getProfileForEmployer(context.db, user, params.id ?? "");
  return json({
    candidate,
    skills: describeSkills(candidate.skills),
    roles: candidate.desiredRoles.map(describeRole),
    desiredRegions: await regionNames(context.db, candidate.desiredRegionCodes),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const formData = await readForm(request, context);
  const parsed = contactRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ sent: false, error: parsed.error.issues[0]?.message ?? "errors.badForm" }, { status: 400 });
  try {
    await requestContact(context.db, user, params.id ?? "", parsed.data.message, { publicUrl: publicUrlFor(request, context.config) });
    return json({ sent: true, error: null });
  } catch (error) {
    if (error instanceof DomainError && error.status === 400) return json({ sent: false, error: error.code }, { status: 400 });
    throw error;
  }
}

export default function CandidateRoute() {
  const { candidate: c, skills, roles, desiredRegions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("profile");
  const en = i18n.language === "en";
  const none = t("view.none");
  return (
    <section aria-labelledby="candidate-title">
      <p>
        <Link to="/employer/candidates">{t("employer.back")}</Link>
      </p>
      <h1 id="candidate-title">{t("employer.title", { initial: c.surnameInitial })}</h1>
      <div className="panel">
        <h2>{t("employer.summary")}</h2>
        <dl className="facts">
          <dt>{t("fields.regionCode")}</dt>
          <dd>{c.regionName ?? none}</dd>
          <dt>{t("fields.branch")}</dt>
          <dd>{c.branch ? t(`branches.${c.branch}`, { defaultValue: c.branch }) : none}</dd>
          <dt>{t("fields.specialty")}</dt>
          <dd>{c.specialty ?? none}</dd>
          <dt>{t("fields.rank")}</dt>
          <dd>{c.rank ?? none}</dd>
          <dt>{t("view.service")}</dt>
          <dd>
            {[c.yearsServed !== null ? t("view.yearsServed", { count: c.yearsServed }) : null, c.dischargeYear ? t("view.dischargedIn", { year: c.dischargeYear }) : null]
              .filter(Boolean)
              .join(" · ") || none}
          </dd>
          <dt>{t("view.honours")}</dt>
          <dd>{c.honours.length ? joinList(c.honours, i18n.language) : none}</dd>
          <dt>{t("view.certificates")}</dt>
          <dd>{c.certificates.length ? joinList(c.certificates, i18n.language) : none}</dd>
          <dt>{t("view.skills")}</dt>
          <dd>{skills.length ? joinList(skills.map((s) => (en ? s.nameEn : s.name)), i18n.language) : none}</dd>
          <dt>{t("view.roles")}</dt>
          <dd>{roles.length ? joinList(roles.map((r) => (en ? r.en : r.zh)), i18n.language) : none}</dd>
          <dt>{t("view.regions")}</dt>
          <dd>{c.desiredRegionCodes.length ? joinList(c.desiredRegionCodes.map((code) => desiredRegions[code] ?? code), i18n.language) : none}</dd>
          <dt>{t("view.salary")}</dt>
          <dd>{c.salaryMin ? t("common:salary.from", { min: c.salaryMin }) : none}</dd>
          <dt>{t("view.jobTypes")}</dt>
          <dd>{c.jobTypes.length ? joinList(c.jobTypes.map((j) => t(`common:jobTypes.${j}`, { defaultValue: j })), i18n.language) : none}</dd>
        </dl>
      </div>
      <div className="panel" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("employer.contactShown")}</h2>
        {c.contact && c.contactAllowedBecause ? (
          <>
            <p className="muted">{t(`employer.because.${c.contactAllowedBecause}`)}</p>
            <dl className="facts">
              <dt>{t("fields.phone")}</dt>
              <dd>{c.contact.phone ?? none}</dd>
              <dt>{t("fields.contactEmail")}</dt>
              <dd>{c.contact.email ?? none}</dd>
            </dl>
          </>
        ) : (
          <>
            <p>{t("employer.contactHidden")}</p>
            {actionData?.error ? <Notice tone="error">{translateError(t, actionData.error)}</Notice> : null}
            {c.contactRequest ? (
              <p role="status">
                {c.contactRequest.status === "pending"
                  ? t("employer.requested")
                  : t("employer.requestStatus", { status: t(`contact.status.${c.contactRequest.status as "pending" | "accepted" | "declined"}`) })}
              </p>
            ) : (
              <Form method="post" className="narrow">
                <AuthenticityTokenInput name="csrf" />
                <div className="field">
                  <label htmlFor="contact-message">{t("employer.requestMessage")}</label>
                  <textarea id="contact-message" name="message" rows={3} maxLength={500} />
                </div>
                <button type="submit" className="button">
                  {t("employer.request")}
                </button>
              </Form>
            )}
          </>
        )}
      </div>
    </section>
  );
}
