import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors } from "../components/field";
import { Pagination } from "../components/pagination";
import { StationScope } from "../components/station-scope";
import { FOLLOW_UP_VIEWS, followUpSchema, type FollowUpView } from "../forms/stations";
import { formatDate } from "../i18n/format";
import { pageMeta } from "../i18n/meta";
import { describeStaffScope } from "../models/staff-scope.server";
import { listFollowUpsForStaff, recordFollowUpForStaff } from "../models/station-follow-ups.server";
import staffStyles from "../styles/staff.css";
import { redirectWithFlash } from "../utils/flash.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];
export const meta = pageMeta("staffFollowUps");

function viewOf(value: string | null): FollowUpView {
  return (FOLLOW_UP_VIEWS as readonly string[]).includes(value ?? "") ? (value as FollowUpView) : "due";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const url = new URL(request.url);
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const list = await listFollowUpsForStaff(context.db, staff, { view: viewOf(url.searchParams.get("view")), page });
  return json({
    ...list,
    rows: list.rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), placedAt: r.placedAt.toISOString(), doneAt: r.doneAt?.toISOString() ?? null })),
    scope: await describeStaffScope(context.db, staff),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: followUpSchema });
  const followUpId = String(formData.get("followUpId") ?? "");
  if (submission.status !== "success") return json({ followUpId, result: submission.reply() }, { status: 400 });
  try {
    const { stillEmployed, satisfied, needs } = submission.value;
    await recordFollowUpForStaff(context.db, staff, submission.value.followUpId, {
      stillEmployed: stillEmployed === "yes",
      satisfied: satisfied === "unknown" ? null : satisfied === "yes",
      needs: needs ?? "",
    });
    const view = viewOf(new URL(request.url).searchParams.get("view"));
    return redirectWithFlash(context, `/staff/follow-ups?view=${view}`, { key: "followUpRecorded" });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ followUpId, result: await reply.json() }, { status: reply.status });
  }
}

export default function StaffFollowUpsRoute() {
  const { rows, total, page, pageCount, view, scope } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("stations");
  const locale = i18n.language === "en" ? "en" : "zh-CN";
  const yesNo = (v: boolean | null) => (v === null ? t("followUps.unknown") : v ? t("followUps.yes") : t("followUps.no"));
  return (
    <section aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">{t("followUps.title")}</h1>
      <StationScope scope={scope} />
      <p>{t("followUps.intro")}</p>
      <nav aria-label={t("followUps.viewsLabel")}>
        <ul className="tabs">
          {FOLLOW_UP_VIEWS.map((v) => (
            <li key={v}>
              <Link to={`?view=${v}`} aria-current={v === view ? "page" : undefined}>
                {t(`followUps.views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted">{t("followUps.total", { count: total })}</p>
      {rows.length === 0 ? <p className="empty">{t(`followUps.empty.${view}`)}</p> : null}
      {rows.map((r) => {
        const errors = actionData && actionData.followUpId === r.id ? actionData.result : null;
        const fieldErrors = (errors?.error ?? {}) as Record<string, string[] | undefined>;
        const headingId = `follow-up-${r.id}`;
        return (
          <article key={r.id} className="panel" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {r.fullName} · {t("followUps.month", { count: r.month })}
            </h2>
            <dl>
              <dt>{t(`followUps.sources.${r.source}`)}</dt>
              <dd>{r.placedWith ?? "—"}</dd>
              <dt>{t("followUps.placedAt")}</dt>
              <dd>{formatDate(r.placedAt, locale)}</dd>
              <dt>{t("followUps.dueAt")}</dt>
              <dd>{formatDate(r.dueAt, locale)}</dd>
              {r.phone ? (
                <>
                  <dt>{t("followUps.phone")}</dt>
                  <dd>{r.phone}</dd>
                </>
              ) : null}
            </dl>
            <p>
              <Link to={`/staff/veterans/${r.veteranProfileId}`}>{r.fullName}</Link>
              {r.regionName ? ` · ${r.regionName}` : null}
            </p>
            {r.doneAt ? (
              <p>
                {t("followUps.doneAt")} {formatDate(r.doneAt, locale)} · {t("followUps.stillEmployed")} {yesNo(r.stillEmployed)} · {t("followUps.satisfied")}{" "}
                {yesNo(r.satisfied)}
                {r.needs ? ` · ${r.needs}` : null}
              </p>
            ) : (
              <Form method="post" action={`?view=${view}`} className="narrow">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="followUpId" value={r.id} />
                {errors?.error?.[""] ? <FieldErrors id={`${r.id}-form-errors`} errors={errors.error[""] ?? undefined} t={t} /> : null}
                <fieldset aria-describedby={fieldErrors.stillEmployed ? `${r.id}-employed-errors` : undefined}>
                  <legend>{t("followUps.stillEmployed")}</legend>
                  <label>
                    <input type="radio" name="stillEmployed" value="yes" /> {t("followUps.yes")}
                  </label>
                  <label>
                    <input type="radio" name="stillEmployed" value="no" /> {t("followUps.no")}
                  </label>
                  <FieldErrors id={`${r.id}-employed-errors`} errors={fieldErrors.stillEmployed} t={t} />
                </fieldset>
                <fieldset>
                  <legend>{t("followUps.satisfied")}</legend>
                  {(["yes", "no", "unknown"] as const).map((v) => (
                    <label key={v}>
                      <input type="radio" name="satisfied" value={v} defaultChecked={v === "unknown"} /> {t(`followUps.${v}`)}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor={`${r.id}-needs`}>{t("followUps.needs")}</label>
                  <textarea id={`${r.id}-needs`} name="needs" rows={2} maxLength={500} />
                </div>
                <button type="submit" className="button">
                  {t("followUps.save")}
                </button>
              </Form>
            )}
          </article>
        );
      })}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
