import { z } from "zod";

/**
 * Form schemas of the applications feature, shared by server (parseWithZod) and browser (getZodConstraint).
 * Messages are i18n keys. The CV file is read by the server's multipart reader, not by these schemas.
 */
export const COVER_NOTE_MAX = 2000;

export const applySchema = z.object({
  coverNote: z
    .string({ required_error: "applications:errors.coverNoteRequired" })
    .trim()
    .min(10, "applications:errors.coverNoteShort")
    .max(COVER_NOTE_MAX, "errors.tooLong"),
  /** The file input; the server reads the file through its multipart reader, this only gives the field its errors. */
  cv: z.unknown().optional(),
});

export const EMPLOYER_MOVE_TARGETS = ["viewed", "interview", "offer", "hired", "rejected"] as const;

export const moveSchema = z.object({
  intent: z.literal("move"),
  status: z.enum(EMPLOYER_MOVE_TARGETS, { required_error: "errors.required", invalid_type_error: "errors.required" }),
  note: z.string().trim().max(500, "errors.tooLong").optional(),
});

export const withdrawSchema = z.object({
  intent: z.literal("withdraw"),
  note: z.string().trim().max(500, "errors.tooLong").optional(),
});
