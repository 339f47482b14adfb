import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { formatDate, formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { DomainError } from "../models/errors";
import { parseJobSearchLenient } from "../../search/query-params";
import {
  createSavedSearch,
  deleteSavedSearch,
  listSavedSearches,
  setSavedSearchAlerts,
} from "../models/saved-search.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { saveSearchFormSchema } from "../../search/query-params";
import searchStyles from "../styles/search.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta = pageMeta("savedSearchesIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const url = new URL(request.url);
  const searches = await listSavedSearches(context.db, user);
  const createdId = url.searchParams.get("created");
  return json({
    email: user.email,
    searches,
    created: createdId ? (searches.find((s) => s.id === createdId)?.name ?? null) : null,
    deleted: url.searchParams.get("deleted") === "1",
  });
}

const idSchema = z.object({ id: z.string().uuid() });
const alertsSchema = idSchema.extend({ enabled: z.enum(["1", "0"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const formData = await readForm(request, context);
  const intent = formData.get("intent");
  try {
    if (intent === "create") {
      const submission = parseWithZod(formData, { schema: saveSearchFormSchema });
      if (submission.status !== "success") return json({ errors: submission.error?.name ?? ["errors.required"] }, { status: 400 });
      const search = parseJobSearchLenient(new URLSearchParams(submission.value.query)).value;
      const saved = await createSavedSearch(context.db, user, { name: submission.value.name, search });
      return redirect(`/saved-searches?created=${saved.id}`);
    }
    if (intent === "delete") {
      const parsed = idSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return json({ errors: ["errors.notFound"] }, { status: 404 });
      await deleteSavedSearch(context.db, user, parsed.data.id);
      return redirect("/saved-searches?deleted=1");
    }
    if (intent === "alerts") {
      const parsed = alertsSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return json({ errors: ["errors.notFound"] }, { status: 404 });
      await setSavedSearchAlerts(context.db, user, parsed.data.id, parsed.data.enabled === "1");
      return json({ errors: null });
    }
    return json({ errors: ["errors.badForm"] }, { status: 400 });
  } catch (error) {
    if (error instanceof DomainError) return json({ errors: [error.code] }, { status: error.status });
    throw error;
  }
}

export default function SavedSearchesRoute() {
  const { email, searches, created, deleted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("search");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section aria-labelledby="saved-title" className="saved-searches">
      <h1 id="saved-title">{t("saved.title")}</h1>
      {created ? <Notice tone="success">{t("saved.created", { name: created })}</Notice> : null}
      {deleted ? <Notice tone="success">{t("saved.deleted")}</Notice> : null}
      {result?.errors?.length ? (
        <Notice tone="error">
          {result.errors.map((e) => (
            <span key={e}>{translateError(tc, e)} </span>
          ))}
        </Notice>
      ) : null}
      <p className="muted">{t("saved.intro", { email })}</p>
      {searches.length === 0 ? (
        <div className="empty">
          <p>{t("saved.empty")}</p>
          <Link to="/jobs">{t("saved.findJobs")}</Link>
        </div>
      ) : (
        <ul className="card-list saved-list">
          {searches.map((s) => (
            <li key={s.id} className="card" aria-labelledby={`saved-${s.id}`}>
              <h2 id={`saved-${s.id}`}>
                <Link to={s.href}>{s.name}</Link>
              </h2>
              <p className="card-meta">
                <span className="status-pill">{s.alertsEnabled ? t("saved.alertsOn") : t("saved.alertsOff")}</span>{" "}
                {s.lastNotifiedAt ? t("saved.lastNotified", { date: formatDateTime(s.lastNotifiedAt, locale) }) : t("saved.neverNotified")}
                {" · "}
                {t("saved.savedAt", { date: formatDate(s.createdAt, locale) })}
              </p>
              <div className="actions">
                <Link className="button button-small" to={s.href}>
                  {t("saved.run")}
                </Link>
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="alerts" />
                  <input type="hidden" name="id" value={s.id} />
                  <input type="hidden" name="enabled" value={s.alertsEnabled ? "0" : "1"} />
                  <button type="submit" className="button button-secondary button-small">
                    {s.alertsEnabled ? t("saved.turnOff") : t("saved.turnOn")}
                  </button>
                </Form>
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={s.id} />
                  <button type="submit" className="button button-secondary button-small" aria-label={`${t("saved.delete")} ${s.name}`}>
                    {t("saved.delete")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/jobs">{t("saved.back")}</Link>
      </p>
    </section>
  );
}
