import { defineMessages } from "../define";

/** Strings of the "applications" namespace: use `useTranslation("applications")` or `t("applications:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
