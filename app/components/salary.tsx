import { useTranslation } from "react-i18next";

export function Salary({ min, max }: { min: number | null; max: number | null }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  if (min && max) return <>{t("salary.range", { min: fmt(min), max: fmt(max) })}</>;
  if (min) return <>{t("salary.from", { min: fmt(min) })}</>;
  if (max) return <>{t("salary.upTo", { max: fmt(max) })}</>;
  return <>{t("salary.negotiable")}</>;
}
