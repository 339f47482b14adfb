import { z } from "zod";
import { text } from "./text";
import { SELF_SERVICE_ROLES } from "../../db/enums";

/**
 * Form schemas shared by server (parseWithZod) and browser (getZodConstraint). Messages are i18n keys,
 * translated where they are shown, so the same schema answers in zh-CN and en.
 */

const email = z
  .string({ required_error: "errors.required" })
  .trim()
  .toLowerCase()
  .max(254, "errors.tooLong")
  .email("errors.email");
const password = z
  .string({ required_error: "errors.required" })
  .min(8, "errors.passwordShort")
  .max(128, "errors.tooLong")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "errors.passwordWeak");

export const signUpSchema = z
  .object({
    role: z.enum(SELF_SERVICE_ROLES, { required_error: "errors.required", invalid_type_error: "errors.required" }),
    displayName: text(60, { min: 1 }),
    email,
    password,
    confirmPassword: z.string({ required_error: "errors.required" }),
    organizationName: text(120).optional(),
    regionCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "errors.regionCode")
      .optional(),
    acceptTerms: z.literal("on", { errorMap: () => ({ message: "errors.acceptTerms" }) }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.passwordMismatch" });
    }
    if (v.role !== "veteran" && !v.organizationName) {
      ctx.addIssue({ code: "custom", path: ["organizationName"], message: "errors.required" });
    }
  });

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(128, "errors.tooLong"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    token: z.string({ required_error: "errors.linkInvalid" }).min(10, "errors.linkInvalid"),
    password,
    confirmPassword: z.string({ required_error: "errors.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

export const createStaffSchema = z.object({
  role: z.enum(["staff", "admin"], { required_error: "errors.required" }),
  displayName: text(60, { min: 1 }),
  email,
  password,
});
