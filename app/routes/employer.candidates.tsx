import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getLocale } from "../i18n/locale.server";
import { listOrganizationJobPostings } from "../models/job-posting-read.server";
import { candidatesForJob } from "../models/matching.server";
import { requireRole } from "../utils/session.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("employerCandidates");

const querySchema = z.object({ job: z.string().uuid().optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const locale = await getLocale(request, context, user);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const { items } = await listOrganizationJobPostings(context.db, user, { page: 1 });
  const live = items.filter((j) => j.live);
  const jobId = parsed.success && parsed.data.job && live.some((j) => j.id === parsed.data.job) ? parsed.data.job : live[0]?.id;
  const candidates = jobId ? await candidatesForJob(context.db, context.search, user, jobId, locale, 20) : [];
  return json({ jobs: live.map((j) => ({ id: j.id, title: j.title })), jobId: jobId ?? null, candidates });
}

export default function EmployerCandidatesRoute() {
  const { jobs, jobId, candidates } = useLoaderData<typeof loader>();
  const { t } = useTranslation("matching");
  const navigation = useNavigation();
  return (
    <section aria-labelledby="cand-title">
      <h1 id="cand-title">{t("common:nav.items.candidates")}</h1>
      <p className="muted">{t("candidates.intro")}</p>
      {jobs.length === 0 ? (
        <p className="empty">
          {t("candidates.noJobs")} <Link to="/employer/jobs/new">{t("candidates.postJob")}</Link>
        </p>
      ) : (
        <>
          <Form method="get" className="inline-search">
            <label htmlFor="cand-job">{t("candidates.forJob")}</label>
            <select id="cand-job" name="job" defaultValue={jobId ?? undefined}>
              {jobs.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.title}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-small">
              {t("candidates.show")}
            </button>
          </Form>
          {navigation.state === "loading" ? <p role="status">{t("common:common.loading")}</p> : null}
          {candidates.length === 0 ? (
            <p className="empty">{t("candidates.none")}</p>
          ) : (
            <ol className="card-list" aria-label={t("candidates.listLabel")}>
              {candidates.map((c) => (
                <li key={c.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/employer/candidates/${c.id}`}>
                      {t("candidates.name", { initial: c.surnameInitial })} · {c.specialty ?? t("candidates.noSpecialty")}
                    </Link>
                  </h2>
                  <p className="card-meta">
                    {c.regionName}
                    {c.yearsServed ? ` · ${t("candidates.years", { count: c.yearsServed })}` : ""}
                  </p>
                  <p className="card-meta">{t("candidates.score", { score: Math.round(c.score * 100) })}</p>
                  <ul className="reasons" aria-label={t("candidates.reasons")}>
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  {c.missingSkills.length ? <p className="card-meta">{t("candidates.missing", { skills: c.missingSkills.join(" · ") })}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
