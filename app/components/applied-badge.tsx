import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../models/application-status";

export interface AppliedMark {
  id: string;
  status: ApplicationStatus;
}

/** "Applied · Interview" on a job the veteran has already applied for, linked to the application. */
export function AppliedBadge({ applied }: { applied: AppliedMark | undefined }) {
  const { t } = useTranslation("ux");
  const { t: ta } = useTranslation("applications");
  if (!applied) return null;
  const status = ta(`status.${applied.status}`);
  return (
    <Link to={`/applications/${applied.id}`} className="badge badge-applied" aria-label={t("applied.label", { status })}>
      {t("applied.mark", { status })}
    </Link>
  );
}
