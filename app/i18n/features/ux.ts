import { defineMessages } from "../define";

/** Strings for the pieces that make the app easier to find one's way in: dashboards, menus, confirmations, lists. */
export default defineMessages({
  "zh-CN": {
    consentValues: { create: "代为建档", update: "代为修改档案" },
  },
  en: {
    consentValues: { create: "File created on the veteran's behalf", update: "File changed on the veteran's behalf" },
  },
});
