import { defineMessages } from "../define";

/** Strings of the "profile" namespace: use `useTranslation("profile")` or `t("profile:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
