import { createElement, type ReactElement } from "react";
import { render, toPlainText } from "@react-email/render";
import type { z } from "zod";
import { EMAIL_LOCALES, type EmailLocale } from "./strings";
import VerifyEmail, { subject as verifyEmailSubject, verifyEmailPropsSchema } from "./verify-email";
import ResetPassword, { resetPasswordPropsSchema, subject as resetPasswordSubject } from "./reset-password";
import Welcome, { subject as welcomeSubject, welcomePropsSchema } from "./welcome";
import SignupAttempt, { signupAttemptPropsSchema, subject as signupAttemptSubject } from "./signup-attempt";
import PostingReviewed, { postingReviewedPropsSchema, subject as postingReviewedSubject } from "./posting-reviewed";
import SavedSearchDigest, { savedSearchDigestPropsSchema, subject as savedSearchDigestSubject } from "./saved-search-digest";
import ContactRequestReceived, {
  contactRequestReceivedPropsSchema,
  subject as contactRequestReceivedSubject,
} from "./contact-request-received";
import ContactRequestAnswered, {
  contactRequestAnsweredPropsSchema,
  subject as contactRequestAnsweredSubject,
} from "./contact-request-answered";
import TrainingEnrollment, { subject as trainingEnrollmentSubject, trainingEnrollmentPropsSchema } from "./training-enrollment";
import OrganizationReviewed, { organizationReviewedPropsSchema, subject as organizationReviewedSubject } from "./organization-reviewed";
import ApplicationStatus, { applicationStatusPropsSchema, subject as applicationStatusSubject } from "./application-status";
import ApplicationReceived, { applicationReceivedPropsSchema, subject as applicationReceivedSubject } from "./application-received";
import ApplicationsUnanswered, {
  applicationsUnansweredPropsSchema,
  subject as applicationsUnansweredSubject,
} from "./applications-unanswered";
import IncubatorUpdate, { incubatorUpdatePropsSchema, subject as incubatorUpdateSubject } from "./incubator-update";

export { EMAIL_LOCALES, type EmailLocale };

/** One kind of mail: how its props are checked, what its subject is, and the component that draws it. */
export interface EmailTemplate<Schema extends z.ZodTypeAny> {
  schema: Schema;
  subject: (props: z.output<Schema>, locale: EmailLocale) => string;
  component: (props: z.output<Schema> & { locale?: EmailLocale }) => ReactElement;
}

function defineTemplate<Schema extends z.ZodTypeAny>(template: EmailTemplate<Schema>): EmailTemplate<Schema> {
  return template;
}

/**
 * Every mail Rongye sends, by the name stored in `email_outbox.template`. Adding a kind of mail = one template file
 * (props schema, subject, default component, PreviewProps) + one line here. Names are stored in rows, so never
 * rename one that has been used.
 */
export const templates = {
  verify_email: defineTemplate({ schema: verifyEmailPropsSchema, subject: verifyEmailSubject, component: VerifyEmail }),
  reset_password: defineTemplate({
    schema: resetPasswordPropsSchema,
    subject: resetPasswordSubject,
    component: ResetPassword,
  }),
  welcome: defineTemplate({ schema: welcomePropsSchema, subject: welcomeSubject, component: Welcome }),
  signup_attempt: defineTemplate({ schema: signupAttemptPropsSchema, subject: signupAttemptSubject, component: SignupAttempt }),
  posting_reviewed: defineTemplate({ schema: postingReviewedPropsSchema, subject: postingReviewedSubject, component: PostingReviewed }),
  saved_search_digest: defineTemplate({ schema: savedSearchDigestPropsSchema, subject: savedSearchDigestSubject, component: SavedSearchDigest }),
  contact_request_received: defineTemplate({
    schema: contactRequestReceivedPropsSchema,
    subject: contactRequestReceivedSubject,
    component: ContactRequestReceived,
  }),
  contact_request_answered: defineTemplate({
    schema: contactRequestAnsweredPropsSchema,
    subject: contactRequestAnsweredSubject,
    component: ContactRequestAnswered,
  }),
  training_enrollment: defineTemplate({
    schema: trainingEnrollmentPropsSchema,
    subject: trainingEnrollmentSubject,
    component: TrainingEnrollment,
  }),
  organization_reviewed: defineTemplate({
    schema: organizationReviewedPropsSchema,
    subject: organizationReviewedSubject,
    component: OrganizationReviewed,
  }),
  application_status: defineTemplate({ schema: applicationStatusPropsSchema, subject: applicationStatusSubject, component: ApplicationStatus }),
  application_received: defineTemplate({
    schema: applicationReceivedPropsSchema,
    subject: applicationReceivedSubject,
    component: ApplicationReceived,
  }),
  applications_unanswered: defineTemplate({
    schema: applicationsUnansweredPropsSchema,
    subject: applicationsUnansweredSubject,
    component: ApplicationsUnanswered,
  }),
  incubator_update: defineTemplate({ schema: incubatorUpdatePropsSchema, subject: incubatorUpdateSubject, component: IncubatorUpdate }),
};

export type TemplateName = keyof typeof templates;
/** The props a caller passes for a template (before validation). */
export type TemplateProps<N extends TemplateName> = z.input<(typeof templates)[N]["schema"]>;

export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.prototype.hasOwnProperty.call(templates, name);
}

export function isEmailLocale(locale: string): locale is EmailLocale {
  return (EMAIL_LOCALES as readonly string[]).includes(locale);
}

/** Raised when a mail cannot be built from what was stored: unknown template or props that fail the schema. */
export class EmailTemplateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmailTemplateError";
  }
}

/** Check props against the template's schema and return the parsed (trimmed, stripped) props. */
export function parseTemplateProps<N extends TemplateName>(template: N, props: unknown): z.output<(typeof templates)[N]["schema"]>;
export function parseTemplateProps(template: string, props: unknown): Record<string, unknown>;
export function parseTemplateProps(template: string, props: unknown): Record<string, unknown> {
  if (!isTemplateName(template)) throw new EmailTemplateError(`Unknown email template "${template}"`);
  const parsed = templates[template].schema.safeParse(props);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(props)"}: ${i.message}`).join("; ");
    throw new EmailTemplateError(`Invalid props for email template "${template}": ${issues}`, { cause: parsed.error });
  }
  return parsed.data as Record<string, unknown>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// Headings stay as written: html-to-text upper-cases them by default, which reads as shouting in English.
const plainTextOptions = {
  selectors: (["h1", "h2", "h3"] as const).map((selector) => ({ selector, options: { uppercase: false } })),
};

/** Validate props and render a template to subject, HTML and plain text in one locale. */
export async function renderEmail<N extends TemplateName>(template: N, props: TemplateProps<N>, locale: EmailLocale): Promise<RenderedEmail>;
export async function renderEmail(template: string, props: unknown, locale: string): Promise<RenderedEmail>;
export async function renderEmail(template: string, props: unknown, locale: string): Promise<RenderedEmail> {
  if (!isEmailLocale(locale)) throw new EmailTemplateError(`Unknown email locale "${locale}"`);
  const parsed = parseTemplateProps(template, props);
  const definition = templates[template as TemplateName] as unknown as EmailTemplate<z.ZodTypeAny>;
  const element = createElement(definition.component, { ...parsed, locale });
  const html = await render(element);
  return { subject: definition.subject(parsed, locale), html, text: toPlainText(html, plainTextOptions) };
}
