import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { formatFen } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { listParkPackages } from "../models/incubator-package.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkPackages");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const { park, packages } = await listParkPackages(context.db, user);
  return json({ park, packages });
}

export default function ParkPackagesRoute() {
  const { park, packages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="packages-title" className="training-admin">
      <h1 id="packages-title">{t("manage.title")}</h1>
      <p className="muted">{t("manage.intro")}</p>
      {params.get("created") ? <Notice tone="success">{t("manage.created")}</Notice> : null}
      {params.get("saved") ? <Notice tone="success">{t("manage.saved")}</Notice> : null}
      {park.verificationStatus !== "verified" ? <Notice tone="info">{t("manage.notVerified")}</Notice> : <p><Link to={`/parks/${park.id}`}>{t("manage.viewPublic")}</Link></p>}
      <p>
        <Link className="button" to="/park/packages/new">
          {t("manage.newPackage")}
        </Link>
      </p>
      {packages.length === 0 ? (
        <p className="empty">{t("manage.empty")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="packages-title">
          {packages.map((p) => (
            <li key={p.id} className="card">
              <h2 className="h3">{p.title}</h2>
              <p className="card-meta">
                <span className="badge">{t(`kinds.${p.kind}`)}</span> {t(`status.${p.status}`)} · {t("search.term", { count: p.termMonths })}
              </p>
              <p className="card-meta">
                {t("manage.places", { taken: p.placesTaken, capacity: p.capacity })} · {t("manage.applications", { count: p.applications })}
              </p>
              <p className="card-meta">{p.netFen === 0 ? t("search.free") : t("search.net", { net: formatFen(p.netFen, locale) })}</p>
              <Link to={`/park/packages/${p.id}/edit`} aria-label={`${t("manage.edit")} ${p.title}`}>
                {t("manage.edit")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
