import { defineMessages } from "../define";

/** Strings of the "jobs" namespace: use `useTranslation("jobs")` or `t("jobs:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
