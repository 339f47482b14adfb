import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listMyReviews } from "../models/incubator-application.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkReviews");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  return json({ reviews: await listMyReviews(context.db, user) });
}

export default function ParkReviewsRoute() {
  const { reviews } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubator");
  return (
    <section aria-labelledby="reviews-title" className="training-admin">
      <h1 id="reviews-title">{t("reviews.title")}</h1>
      <p className="muted">{t("reviews.intro")}</p>
      {reviews.length === 0 ? (
        <p className="empty">{t("reviews.empty")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="reviews-title">
          {reviews.map((r) => (
            <li key={r.id} className="card">
              <h2 className="h3">
                <Link to={`/park/reviews/${r.id}`}>{r.venture}</Link>
              </h2>
              <p className="card-meta">
                {r.park} · {r.package} · <strong>{r.submittedAt ? t("parkApps.scored") : t("parkApps.notScored")}</strong>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
