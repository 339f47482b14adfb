import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { listMyOrganizations } from "../models/organization.server";
import { requireUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "工作台 Dashboard · 戎业 Rongye" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ user, organizations: await listMyOrganizations(context.db, user.id) });
}

export default function DashboardRoute() {
  const { user, organizations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t("dashboard.welcome", { name: user.displayName })}</h1>
      <p className="muted">{t(`roles.${user.role}`)}</p>
      {organizations.map((org) => (
        <Notice key={org.id} tone={org.verificationStatus === "verified" ? "success" : org.verificationStatus === "rejected" ? "error" : "info"}>
          {org.verificationStatus === "verified"
            ? t("dashboard.orgVerified", { name: org.name })
            : org.verificationStatus === "rejected"
              ? t("dashboard.orgRejected", { name: org.name, reason: org.rejectionReason ?? "" })
              : t("dashboard.orgPending", { name: org.name })}
        </Notice>
      ))}
      <p>{t("dashboard.comingSoon")}</p>
    </section>
  );
}
