import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JobPostingForm } from "../components/job-posting-form";
import { jobPostingSchema, mergeRegionPick, splitSkillTerms } from "../forms/job-posting";
import { createJobPosting, postingOrganization } from "../models/job-posting.server";
import { jobTaxonomyOptions } from "../models/job-taxonomy.server";
import { listChildRegions } from "../models/region.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import jobsStyles from "../styles/jobs.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobsStyles }];
export const meta = pageMeta("employerJobsNew");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  // Refuses (403) when the account has no organisation that may post.
  await postingOrganization(context.db, user);
  return json({ provinces: await listChildRegions(context.db, null), ...jobTaxonomyOptions() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const formData = mergeRegionPick(await readForm(request, context));
  const submission = parseWithZod(formData, { schema: jobPostingSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { intent, skills, ...value } = submission.value;
  try {
    const saved = await createJobPosting(context.db, user, { ...value, skills: splitSkillTerms(skills) }, { submit: intent === "submit" });
    return redirect(saved.status === "draft" ? "/employer/jobs" : `/jobs/${saved.id}`);
  } catch (error) {
    return replyWithError(submission, error, []);
  }
}

export default function NewJobPostingRoute() {
  const { provinces, categories, skills } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("jobs");
  return (
    <section aria-labelledby="new-job-title">
      <h1 id="new-job-title">{t("form.newTitle")}</h1>
      <JobPostingForm
        mode="new"
        lastResult={lastResult}
        defaultValue={{ jobType: "full_time", headcount: "1", veteranPreferred: "on" }}
        provinces={provinces}
        categories={categories}
        skills={skills}
        allowDraft
      />
    </section>
  );
}
