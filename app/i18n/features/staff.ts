import { defineMessages } from "../define";

/** Strings of the "staff" namespace: use `useTranslation("staff")` or `t("staff:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
