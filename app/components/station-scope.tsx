import { useTranslation } from "react-i18next";
import { colon } from "./punctuation";

/** The line on staff pages naming where the signed-in staff member acts (their station and region, or everywhere). */
export function StationScope({ scope }: { scope: { station: string; region: string } | null }) {
  const { t, i18n } = useTranslation("stations");
  return (
    <p className="muted station-scope">
      <strong>{t("scope.label")}</strong>
      {colon(i18n.language)}
      {scope ? t("scope.station", { station: scope.station, region: scope.region }) : t("scope.all")}
    </p>
  );
}
