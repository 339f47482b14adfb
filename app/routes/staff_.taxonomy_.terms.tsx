// /staff/taxonomy/terms: the terms imports kept as written because the taxonomy does not know them, most frequent
// first, each with where it occurs; staff map one to an existing skill or add it as a new skill (a new taxonomy
// version, audited, active at once in matching and search synonyms).
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FormErrors, translateError } from "../components/field";
import { Notice } from "../components/notice";
import { termEditSchema } from "../forms/organization";
import { pageMeta } from "../i18n/meta";
import { applyActiveTaxonomy } from "../models/taxonomy.server";
import { addSkillForTerm, listUnknownTerms, mapUnknownTerm, taxonomyChoices } from "../models/unknown-terms.server";
import { DomainError } from "../models/errors";
import staffStyles from "../styles/staff.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta = pageMeta("staffTaxonomyTerms");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const terms = await listUnknownTerms(context.db, staff);
  return json({ terms, ...taxonomyChoices() });
}

type Done = { kind: "mapped" | "added"; term: string; skillId: string; version: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: termEditSchema });
  const term = String(formData.get("term") ?? "");
  if (submission.status !== "success") {
    const errors = Object.values(submission.reply().error ?? {}).flat().filter((e): e is string => typeof e === "string");
    return json({ done: null, term, errors }, { status: 400 });
  }
  const input = submission.value;
  try {
    const done: Done =
      input.intent === "map"
        ? { kind: "mapped", term: input.term, skillId: input.skillId, version: (await mapUnknownTerm(context.db, staff, input)).version }
        : await addSkillForTerm(context.db, staff, input).then((r) => ({ kind: "added" as const, term: input.term, skillId: r.skillId, version: r.version }));
    // this process's matcher and search synonyms use the new version at once
    await applyActiveTaxonomy(context.db, context.search);
    return json({ done, term, errors: [] as string[] });
  } catch (error) {
    if (error instanceof DomainError) return json({ done: null, term, errors: [error.code] }, { status: error.status });
    throw error;
  }
}

export default function StaffTaxonomyTermsRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["staff", "common"]);
  const en = i18n.language === "en";
  const busy = useNavigation().state === "submitting";
  const done = actionData?.done;
  const skillLabel = (id: string) => {
    const s = data.skills.find((k) => k.id === id);
    return s ? (en ? s.nameEn : s.name) : id;
  };
  return (
    <section aria-labelledby="terms-title">
      <h1 id="terms-title">{t("terms.title")}</h1>
      <p>{t("terms.intro")}</p>
      <p>
        <Link to="/staff/taxonomy">{t("taxonomy.title")}</Link>
      </p>
      {done?.kind === "mapped" ? <Notice tone="success">{t("terms.mapped", { term: done.term, skill: skillLabel(done.skillId), version: done.version })}</Notice> : null}
      {done?.kind === "added" ? <Notice tone="success">{t("terms.added", { term: done.term, version: done.version })}</Notice> : null}
      {data.terms.length === 0 ? <p className="muted">{t("terms.empty")}</p> : null}
      <ol className="term-list">
        {data.terms.map((row, i) => {
          const errors = actionData && !actionData.done && actionData.term === row.term ? actionData.errors : [];
          return (
            <li key={row.term} className="panel term-card" aria-labelledby={`term-${i}`}>
              <h2 id={`term-${i}`} className="term-name" lang={/[a-z]/i.test(row.term) ? "en" : "zh-CN"}>
                {row.term}
              </h2>
              <p className="muted">
                {t("terms.postings")} {row.postings} · {t("terms.veterans")} {row.veterans}
              </p>
              {row.examples.length > 0 ? (
                <p>
                  {t("terms.examples")}
                  {en ? ": " : "："}
                  {row.examples.join(en ? ", " : "、")}
                </p>
              ) : null}
              <FormErrors errors={errors.length ? errors : undefined} />
              <Form method="post" className="term-form" aria-label={`${t("terms.mapTo")} ${row.term}`}>
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="map" />
                <input type="hidden" name="term" value={row.term} />
                <div className="field">
                  <label htmlFor={`map-${i}`}>
                    {t("terms.mapTo")} — {t("terms.skill")}
                  </label>
                  <select id={`map-${i}`} name="skillId" required defaultValue="">
                    <option value="">—</option>
                    {data.skills.map((s) => (
                      <option key={s.id} value={s.id}>
                        {en ? `${s.nameEn} (${s.name})` : `${s.name}（${s.nameEn}）`}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button" disabled={busy}>
                  {t("terms.map")}
                </button>
              </Form>
              <details>
                <summary>{t("terms.addAs")}</summary>
                <Form method="post" className="term-form" aria-label={`${t("terms.addAs")} ${row.term}`}>
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="add" />
                  <input type="hidden" name="term" value={row.term} />
                  <div className="field">
                    <label htmlFor={`name-${i}`}>{t("terms.name")}</label>
                    <input id={`name-${i}`} name="name" type="text" required maxLength={40} defaultValue={/[a-z]/i.test(row.term) ? "" : row.term} />
                  </div>
                  <div className="field">
                    <label htmlFor={`name-en-${i}`}>{t("terms.nameEn")}</label>
                    <input id={`name-en-${i}`} name="nameEn" type="text" required maxLength={60} defaultValue={/[a-z]/i.test(row.term) ? row.term : ""} />
                  </div>
                  <div className="field">
                    <label htmlFor={`category-${i}`}>{t("terms.category")}</label>
                    <select id={`category-${i}`} name="category" required defaultValue="">
                      <option value="">—</option>
                      {data.categories.map((c) => (
                        <option key={c.id} value={c.id}>
                          {en ? c.nameEn : c.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`group-${i}`}>{t("terms.occupationGroup")}</label>
                    <select id={`group-${i}`} name="occupationGroup" defaultValue="">
                      <option value="">—</option>
                      {data.occupationGroups.map((g) => (
                        <option key={g.code} value={g.code}>
                          {g.code} {g.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button" disabled={busy}>
                    {t("terms.add")}
                  </button>
                </Form>
              </details>
            </li>
          );
        })}
      </ol>
      {errorsOutsideList(actionData, data.terms, t)}
    </section>
  );
}

/** An error for a term no longer listed (mapped meanwhile by someone else) still shows. */
function errorsOutsideList(
  actionData: ReturnType<typeof useActionData<typeof action>>,
  terms: { term: string }[],
  t: (k: string, o?: Record<string, unknown>) => string,
) {
  if (!actionData || actionData.done || terms.some((r) => r.term === actionData.term) || actionData.errors.length === 0) return null;
  return <Notice tone="error">{actionData.errors.map((e) => translateError(t, e)).join(" ")}</Notice>;
}
