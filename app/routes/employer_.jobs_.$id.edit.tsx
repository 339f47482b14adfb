import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { JobPostingForm, ReviewReason } from "../components/job-posting-form";
import { jobPostingSchema, mergeRegionPick, splitSkillTerms } from "../forms/job-posting";
import { getJobPostingForEdit } from "../models/job-posting-read.server";
import { jobTaxonomyOptions } from "../models/job-taxonomy.server";
import { updateJobPosting } from "../models/job-posting.server";
import { listChildRegions } from "../models/region.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import jobsStyles from "../styles/jobs.css";
import { joinList } from "../components/punctuation";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobsStyles }];
export const meta = pageMeta("employerJobsIdEdit");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const { posting, skills, regionPath } = await getJobPostingForEdit(context.db, user, params.id ?? "");
  if (posting.status === "closed") throw redirect("/employer/jobs");
  return json({
    provinces: await listChildRegions(context.db, null),
    ...jobTaxonomyOptions(),
    posting: {
      id: posting.id,
      status: posting.status,
      reviewReason: posting.reviewReason,
      title: posting.title,
      description: posting.description,
      category: posting.category,
      regionCode: posting.regionCode,
      address: posting.address ?? "",
      lat: posting.lat ?? "",
      lng: posting.lng ?? "",
      salaryMin: posting.salaryMin?.toString() ?? "",
      salaryMax: posting.salaryMax?.toString() ?? "",
      jobType: posting.jobType,
      headcount: String(posting.headcount),
      veteranPreferred: posting.veteranPreferred,
    },
    postingSkills: skills,
    regionPath,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const formData = mergeRegionPick(await readForm(request, context));
  const submission = parseWithZod(formData, { schema: jobPostingSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { intent, skills, ...value } = submission.value;
  try {
    const saved = await updateJobPosting(context.db, user, params.id ?? "", { ...value, skills: splitSkillTerms(skills) }, {
      submit: intent === "submit",
    });
    return redirect(saved.status === "draft" ? "/employer/jobs" : `/jobs/${saved.id}`);
  } catch (error) {
    return replyWithError(submission, error, []);
  }
}

export default function EditJobPostingRoute() {
  const { provinces, categories, skills, posting, postingSkills, regionPath } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation("jobs");
  const en = i18n.language === "en";
  return (
    <section aria-labelledby="edit-job-title">
      <h1 id="edit-job-title">{t("form.editTitle")}</h1>
      <p>
        <span className={`status-pill status-${posting.status}`}>{t(`status.${posting.status}`)}</span>
      </p>
      {posting.status === "pending_review" || posting.status === "rejected" ? (
        <Notice tone="warning">
          <ReviewReason reason={posting.reviewReason} />
        </Notice>
      ) : null}
      <JobPostingForm
        mode="edit"
        lastResult={lastResult}
        defaultValue={{
          ...posting,
          skills: joinList(postingSkills.map((s) => (en ? s.nameEn : s.name)), en ? "en" : "zh-CN"),
          veteranPreferred: posting.veteranPreferred ? "on" : undefined,
        }}
        provinces={provinces}
        categories={categories}
        skills={skills}
        regionPathText={regionPath.map((r) => r.name).join(" ")}
        allowDraft={posting.status === "draft"}
      />
    </section>
  );
}
