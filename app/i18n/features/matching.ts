import { defineMessages } from "../define";

/** Strings of the "matching" namespace (candidates for employers). */
export default defineMessages({
  "zh-CN": {
    candidates: {
      intro: "按岗位查看愿意公开档案的退役军人，按技能、地区等匹配度排序。联系方式在对方申请您的岗位或同意您的联系请求后才可见。",
      noJobs: "您还没有在招的岗位，发布岗位后即可查看匹配的人才。",
      postJob: "发布岗位",
      forJob: "匹配岗位",
      show: "查看",
      none: "暂时没有匹配这个岗位的公开档案。",
      listLabel: "匹配的人才",
      name: "{{initial}} 先生/女士",
      noSpecialty: "未填写专业",
      years_other: "服役 {{count}} 年",
      score: "匹配度 {{score}}%",
      reasons: "匹配理由",
      missing: "尚缺技能：{{skills}}",
    },
  },
  en: {
    candidates: {
      intro: "Veterans who opened their profile, ranked for one of your jobs by skills, place and more. Contact details show once they apply to you or accept your contact request.",
      noJobs: "You have no live jobs yet; post one to see matching candidates.",
      postJob: "Post a job",
      forJob: "For job",
      show: "Show",
      none: "No open profiles match this job yet.",
      listLabel: "Matching candidates",
      name: "Veteran {{initial}}.",
      noSpecialty: "specialty not given",
      years_one: "{{count}} year of service",
      years_other: "{{count}} years of service",
      score: "Match {{score}}%",
      reasons: "Why they match",
      missing: "Skills they lack: {{skills}}",
    },
  },
});
