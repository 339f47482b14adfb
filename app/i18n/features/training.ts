import { defineMessages } from "../define";

/** Strings of the "training" namespace: use `useTranslation("training")` or `t("training:key")`. zh-CN first; en must have the same keys. */
export default defineMessages({
  "zh-CN": {},
  en: {},
});
