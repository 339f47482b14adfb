import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors } from "../components/field";
import { Notice } from "../components/notice";
import { Pagination } from "../components/pagination";
import { badgeI18nKey, ORGANIZATION_BADGES, organizationReviewSchema } from "../forms/organization";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import {
  listOrganizationsForReview,
  rejectOrganization,
  setOrganizationBadge,
  verifyOrganization,
} from "../models/organization-review.server";
import { type VerificationStatus } from "../models/organization.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import staffStyles from "../styles/staff.css";
import { VERIFICATION_STATUSES } from "../../db/enums";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta = pageMeta("staffOrganizations");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const url = new URL(request.url);
  const requested = url.searchParams.get("status");
  const status = (VERIFICATION_STATUSES as readonly string[]).includes(requested ?? "") ? (requested as VerificationStatus) : "pending";
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  return json(await listOrganizationsForReview(context.db, staff, { status, page: Number.isFinite(page) ? page : 1 }));
}

type Done =
  | { kind: "verified"; name: string; count: number }
  | { kind: "rejected"; name: string }
  | { kind: "badgeGranted" | "badgeRevoked" };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const formData = await readForm(request, context);
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: organizationReviewSchema });
  const reply = (result: SubmissionResult<string[]>, done: Done | null, status = 200) => json({ result, formId, done }, { status });
  if (submission.status !== "success") return reply(submission.reply(), null, 400);
  const input = submission.value;
  const publicUrl = publicUrlFor(request, context.config);
  try {
    if (input.intent === "verify") {
      const r = await verifyOrganization(context.db, staff, input.organizationId, { publicUrl });
      return reply(submission.reply({ resetForm: true }), { kind: "verified", name: r.organizationName, count: r.publishedJobIds.length });
    }
    if (input.intent === "reject") {
      const r = await rejectOrganization(context.db, staff, input.organizationId, input.reason, { publicUrl });
      return reply(submission.reply({ resetForm: true }), { kind: "rejected", name: r.organizationName });
    }
    const granted = input.intent === "grantBadge";
    await setOrganizationBadge(context.db, staff, input.organizationId, input.badge, granted);
    return reply(submission.reply(), { kind: granted ? "badgeGranted" : "badgeRevoked" });
  } catch (error) {
    const failed = replyWithError(submission, error, []);
    return reply(await failed.json(), null, failed.status);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = LoaderData["items"][number];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function StaffOrganizationsRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["staff", "common"]);
  const done = actionData?.done;
  // Errors of the plain button forms (verify, badges) show here; the reject form shows its own next to the reason.
  const buttonErrors = actionData && !actionData.done && !actionData.formId.startsWith("reject-") ? actionData.result.error?.[""] : undefined;
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      {done?.kind === "verified" ? <Notice tone="success">{t("queue.verifiedDone", { name: done.name, count: done.count })}</Notice> : null}
      {done?.kind === "rejected" ? <Notice tone="success">{t("queue.rejectedDone", { name: done.name })}</Notice> : null}
      {done?.kind === "badgeGranted" ? <Notice tone="success">{t("queue.badgeGranted")}</Notice> : null}
      {done?.kind === "badgeRevoked" ? <Notice tone="success">{t("queue.badgeRevoked")}</Notice> : null}
      <FormErrors errors={buttonErrors ?? undefined} />
      <nav aria-label={t("queue.tabs")}>
        <ul className="review-tabs">
          {VERIFICATION_STATUSES.map((s) => (
            <li key={s}>
              <Link to={`?status=${s}`} aria-current={s === data.status ? "page" : undefined}>
                {t(`status.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted">{t("queue.total", { count: data.total })}</p>
      {data.items.length === 0 ? (
        <p className="empty">{t("queue.empty")}</p>
      ) : (
        <ul className="review-list">
          {data.items.map((org) => (
            <li key={org.id}>
              <ReviewCard org={org} actionData={actionData} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} />
    </section>
  );
}

function Hidden({ org, intent, formId }: { org: Item; intent: string; formId: string }) {
  return (
    <>
      <AuthenticityTokenInput name="csrf" />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="organizationId" value={org.id} />
      <input type="hidden" name="formId" value={formId} />
    </>
  );
}

function ReviewCard({ org, actionData }: { org: Item; actionData: ActionData }) {
  const { t, i18n } = useTranslation(["staff", "common"]);
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("organizationId") === org.id;
  const rejectId = `reject-${org.id}`;
  const [form, fields] = useForm({
    id: rejectId,
    lastResult: actionData?.formId === rejectId ? actionData.result : undefined,
    constraint: getZodConstraint(organizationReviewSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationReviewSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const titleId = `org-${org.id}`;
  return (
    <article className="card review-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{org.name}</h2>
      <p>
        <span className={`status-pill status-${org.verificationStatus}`}>{t(`status.${org.verificationStatus}`)}</span>{" "}
        <span className="muted">{t(`kinds.${org.kind}`)}</span>
        {org.badges.map((b) => (
          <span key={b} className="badge badge-accent org-badge">
            {badgeI18nKey(b) ? t(badgeI18nKey(b)!) : b}
          </span>
        ))}
      </p>
      <dl className="facts">
        <dt>{t("queue.region")}</dt>
        <dd>{org.regionPath.map((r) => r.name).join(" ") || "—"}</dd>
        <dt>{t("queue.address")}</dt>
        <dd>{org.address || "—"}</dd>
        <dt>{t("queue.creditCode")}</dt>
        <dd>
          {org.creditCode ? (
            <>
              <span className="mono">{org.creditCode}</span>{" "}
              <span className={`status-pill status-${org.creditCodeValid ? "verified" : "rejected"}`}>
                {org.creditCodeValid ? t("queue.creditCodeValid") : t("queue.creditCodeInvalid")}
              </span>
            </>
          ) : (
            <span className="status-pill status-rejected">{t("queue.creditCodeMissing")}</span>
          )}
        </dd>
        <dt>{t("queue.licence")}</dt>
        <dd>
          {org.licence ? (
            <a href={`/orgs/${org.id}/licence`} target="_blank" rel="noopener">
              {t("queue.licenceView", { name: org.licence.filename })}
            </a>
          ) : (
            <span className="status-pill status-rejected">{t("queue.licenceMissing")}</span>
          )}
        </dd>
        <dt>{t("queue.website")}</dt>
        <dd>
          {org.website ? (
            <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">
              {org.website}
            </a>
          ) : (
            "—"
          )}
        </dd>
        <dt>{t("queue.members")}</dt>
        <dd>{org.members.length ? org.members.map((m) => `${m.displayName} <${m.email}>`).join("；") : t("queue.noMembers")}</dd>
        <dt>{t("queue.submitted")}</dt>
        <dd>{formatDateTime(org.updatedAt, locale)}</dd>
        {org.reviewedAt ? (
          <>
            <dt>{t("queue.reviewed")}</dt>
            <dd>{formatDateTime(org.reviewedAt, locale)}</dd>
          </>
        ) : null}
        <dt>{t("queue.waitingJobs")}</dt>
        <dd>{org.waitingJobs}</dd>
        {org.rejectionReason ? (
          <>
            <dt>{t("queue.reason")}</dt>
            <dd>{org.rejectionReason}</dd>
          </>
        ) : null}
      </dl>
      {org.description ? (
        <details>
          <summary>{t("queue.description")}</summary>
          <p className="org-description">{org.description}</p>
        </details>
      ) : null}
      <Link to={`/orgs/${org.id}`}>{t("org.viewPublic")}</Link>
      <div className="review-actions">
        {org.verificationStatus !== "verified" ? (
          <Form method="post">
            <Hidden org={org} intent="verify" formId={`verify-${org.id}`} />
            <button type="submit" className="button" disabled={busy}>
              {t("queue.verify")}
            </button>
          </Form>
        ) : null}
        {org.verificationStatus !== "rejected" ? (
          <Form method="post" {...getFormProps(form)} noValidate>
            <Hidden org={org} intent="reject" formId={rejectId} />
            <FormErrors errors={form.errors} />
            <div className="field">
              <label htmlFor={fields.reason.id}>{t("queue.reason")}</label>
              <textarea
                {...getTextareaProps(fields.reason, { ariaAttributes: true })}
                key={fields.reason.key}
                rows={3}
                aria-describedby={[`${fields.reason.id}-hint`, fields.reason.errors?.length ? fields.reason.errorId : ""].filter(Boolean).join(" ")}
              />
              <p className="field-hint" id={`${fields.reason.id}-hint`}>
                {t("queue.reasonHint")}
              </p>
              <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} t={t} />
            </div>
            <button type="submit" className="button button-danger" disabled={busy}>
              {org.verificationStatus === "verified" ? t("queue.withdraw") : t("queue.reject")}
            </button>
          </Form>
        ) : null}
        {org.verificationStatus === "verified" ? (
          <div>
            <p className="muted">{t("queue.badges")}</p>
            <div className="badge-actions">
              {ORGANIZATION_BADGES.map((badge) => {
                const has = org.badges.includes(badge);
                const label = badgeI18nKey(badge) ? t(badgeI18nKey(badge)!) : badge;
                return (
                  <Form method="post" key={badge}>
                    <Hidden org={org} intent={has ? "revokeBadge" : "grantBadge"} formId={`badge-${org.id}`} />
                    <input type="hidden" name="badge" value={badge} />
                    <button type="submit" className="button" disabled={busy}>
                      {has ? t("queue.revoke", { badge: label }) : t("queue.grant", { badge: label })}
                    </button>
                  </Form>
                );
              })}
            </div>
          </div>
        ) : null}
      </div>
    </article>
  );
}
