import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, IntentForm, IntentOutcome } from "../components/incubator-ui";
import { getApplicationForReviewer, rubricOf, submitScores } from "../models/incubator-application.server";
import { applicationContext } from "../models/incubator-onboarding.server";
import { readForm } from "../utils/form.server";
import { intField, runIntent } from "../utils/intent.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkReviewsId");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const id = params.id ?? "";
  const view = await getApplicationForReviewer(context.db, user, id);
  const { organizationId } = await applicationContext(context.db, id);
  return json({ view, rubric: await rubricOf(context.db, organizationId) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const id = params.id ?? "";
  const form = await readForm(request, context);
  const { organizationId } = await applicationContext(context.db, id);
  const rubric = await rubricOf(context.db, organizationId);
  const scores = Object.fromEntries(rubric.map((c) => [c.id, intField(form, `score-${c.id}`)]));
  const reply = await runIntent("score", () => submitScores(context.db, user, id, scores));
  return reply.status === 200 ? redirect("/park/reviews?scored=1") : reply;
}

export default function ReviewRoute() {
  const { view, rubric } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("incubator");
  const mine = new Map(view.myScores.map((s) => [s.criterionId, s.score]));
  return (
    <section aria-labelledby="review-title" className="training-admin narrow-wide">
      <p>
        <Link to="/park/reviews">← {t("reviews.back")}</Link>
      </p>
      <h1 id="review-title">{t("reviews.scoreTitle", { venture: view.venture })}</h1>
      <p className="card-meta">
        {view.sector} · {t(`park.stages.${view.stage}`)}
      </p>
      {view.summary ? <p>{view.summary}</p> : null}
      {view.supportWanted ? <p>{t("parkApps.support", { support: view.supportWanted })}</p> : null}
      <p>
        <a href={`/ventures/${view.id}/plan`}>{t("reviews.plan")}</a>
      </p>
      <IntentOutcome result={result} />
      {rubric.length === 0 ? (
        <p className="empty">{t("errors.noRubric")}</p>
      ) : (
        <IntentForm intent="score" label={t("reviews.submit")}>
          {rubric.map((c) => (
            <Field key={c.id} id={`score-${c.id}`} label={t("reviews.criterion", { name: c.name, max: c.maxScore, weight: c.weight })} hint={c.description || undefined}>
              <input id={`score-${c.id}`} name={`score-${c.id}`} type="number" min={0} max={c.maxScore} step={1} required defaultValue={mine.get(c.id) ?? ""} />
            </Field>
          ))}
        </IntentForm>
      )}
    </section>
  );
}
