import { z } from "zod";

/** A person's display name as it appears in a greeting. */
export const nameSchema = z.string().trim().min(1).max(100);

/** An absolute http(s) link: mail clients cannot follow relative links, and other schemes are never wanted. */
export const linkSchema = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: "Link must be http or https" });
