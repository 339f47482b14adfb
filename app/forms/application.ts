import { z } from "zod";
import { multilineText } from "./text";

/**
 * Form schemas of the applications feature, shared by server (parseWithZod) and browser (getZodConstraint).
 * Messages are i18n keys. The CV file is read by the server's multipart reader, not by these schemas.
 */
export const COVER_NOTE_MAX = 2000;
/** A CV may be at most 5 MB (the server enforces it; this copy lets the browser say so before uploading). */
export const MAX_CV_BYTES = 5 * 1024 * 1024;

export const applySchema = z.object({
  coverNote: multilineText(COVER_NOTE_MAX, {
    min: 10,
    minMessage: "applications:errors.coverNoteShort",
    requiredMessage: "applications:errors.coverNoteRequired",
  }),
  /**
   * The file input. In the browser this refuses an over-size file before uploading it; on the server the file is
   * read (and checked again, by size and content) by the multipart reader, so the field arrives empty here.
   */
  cv: z
    .unknown()
    .optional()
    .refine((v) => !(typeof File !== "undefined" && v instanceof File && v.size > MAX_CV_BYTES), "applications:errors.cvTooLarge"),
});

export const EMPLOYER_MOVE_TARGETS = ["viewed", "interview", "offer", "hired", "rejected"] as const;

export const moveSchema = z.object({
  intent: z.literal("move"),
  status: z.enum(EMPLOYER_MOVE_TARGETS, { required_error: "errors.required", invalid_type_error: "errors.required" }),
  note: multilineText(500).optional(),
});

export const withdrawSchema = z.object({
  intent: z.literal("withdraw"),
  note: multilineText(500).optional(),
});
