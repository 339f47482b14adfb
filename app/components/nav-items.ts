import type { Role } from "../models/user.server";

/** The navigation each role sees (keys in the common namespace's nav.items). Public items come first. */
export const PUBLIC_NAV = [
  { to: "/jobs", key: "jobs" },
  { to: "/training", key: "training" },
  { to: "/fairs", key: "fairs" },
  { to: "/parks", key: "parks" },
] as const;

export const ROLE_NAV: Record<Role, readonly { to: string; key: string }[]> = {
  veteran: [
    { to: "/dashboard", key: "dashboard" },
    { to: "/profile", key: "profile" },
    { to: "/applications", key: "applications" },
    { to: "/my-training", key: "myTraining" },
    { to: "/saved-searches", key: "savedSearches" },
    { to: "/contact-requests", key: "contactRequests" },
    { to: "/ventures", key: "ventures" },
  ],
  employer: [
    { to: "/dashboard", key: "dashboard" },
    { to: "/employer/jobs", key: "employerJobs" },
    { to: "/employer/candidates", key: "candidates" },
    { to: "/employer/training", key: "employerTraining" },
    { to: "/organization", key: "organization" },
  ],
  incubator: [
    { to: "/dashboard", key: "dashboard" },
    { to: "/park/packages", key: "parkPackages" },
    { to: "/park/applications", key: "parkApplications" },
    { to: "/park/reviews", key: "parkReviews" },
    { to: "/park/mentors", key: "parkMentors" },
    { to: "/park/metrics", key: "parkMetrics" },
    { to: "/park/settings", key: "parkSettings" },
    { to: "/organization", key: "organization" },
  ],
  staff: [
    { to: "/dashboard", key: "dashboard" },
    { to: "/staff/organizations", key: "staffOrganizations" },
    { to: "/staff/postings", key: "staffPostings" },
    { to: "/staff/veterans", key: "staffVeterans" },
    { to: "/staff/imports", key: "staffImports" },
    { to: "/staff/taxonomy", key: "staffTaxonomy" },
    { to: "/staff/follow-ups", key: "staffFollowUps" },
    { to: "/staff/outcomes", key: "staffOutcomes" },
  ],
  admin: [
    { to: "/dashboard", key: "dashboard" },
    { to: "/admin/users", key: "adminUsers" },
    { to: "/admin/fair-hosts", key: "adminFairHosts" },
    { to: "/admin/stations", key: "adminStations" },
    { to: "/admin/audit", key: "adminAudit" },
    { to: "/staff/organizations", key: "staffOrganizations" },
    { to: "/staff/postings", key: "staffPostings" },
    { to: "/staff/veterans", key: "staffVeterans" },
    { to: "/staff/imports", key: "staffImports" },
    { to: "/staff/taxonomy", key: "staffTaxonomy" },
    { to: "/staff/follow-ups", key: "staffFollowUps" },
    { to: "/staff/outcomes", key: "staffOutcomes" },
  ],
};
