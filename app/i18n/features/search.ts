import { defineMessages } from "../define";

/** Strings of the "search" namespace: use `useTranslation("search")` or `t("search:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
