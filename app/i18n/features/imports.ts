import { defineMessages } from "../define";

/** Strings of the "imports" namespace: use `useTranslation("imports")` or `t("imports:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
