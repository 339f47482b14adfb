import type { Db } from "../../db/client";
import { MAX_CV_BYTES } from "../forms/application";
import { CONTROL_CHARS, detectCvKind, detectScanKind, removeUpload, storeUpload, uploadsDir } from "../utils/upload.server";
import { DomainError } from "./errors";

/**
 * Files of the incubator cycle, checked like CVs (type judged by the bytes, at most 5 MB, stored outside public/
 * under a random name): business plans (PDF only), transfer proofs and checklist evidence (PDF, JPEG or PNG).
 */

export interface IncomingFile {
  filename: string;
  bytes: Uint8Array;
}

export interface StoredIncubatorFile {
  path: string;
  name: string;
  bytes: number;
  kind: "pdf" | "jpg" | "png";
}

export const MAX_INCUBATOR_FILE_BYTES = MAX_CV_BYTES;

function cleanName(name: string, kind: string, fallback: string): string {
  const base = (name.split(/[/\\]/).pop() ?? "").replace(CONTROL_CHARS, "").trim().slice(0, 120);
  return `${base.replace(/\.[^.]*$/, "") || fallback}.${kind}`;
}

/** Check and store a file; `pdfOnly` for business plans. Throws a DomainError on `field` for a wrong type or size. */
export async function storeIncubatorFile(
  file: IncomingFile,
  options: { field: string; pdfOnly?: boolean; dir?: string },
): Promise<StoredIncubatorFile> {
  if (file.bytes.byteLength > MAX_INCUBATOR_FILE_BYTES) throw new DomainError("incubator:errors.fileTooLarge", options.field);
  const kind = options.pdfOnly ? (detectCvKind(file.bytes) === "pdf" ? "pdf" : null) : detectScanKind(file.bytes);
  if (!kind) throw new DomainError(options.pdfOnly ? "incubator:errors.planType" : "incubator:errors.proofType", options.field);
  const stored = await storeUpload(file.bytes, kind, options.dir ?? uploadsDir());
  return { path: stored.name, name: cleanName(file.filename, kind, options.field), bytes: file.bytes.byteLength, kind };
}

/** Run `work` with a stored file; the file is removed again when `work` fails (so no orphan is left behind). */
export async function withStoredFile<T>(stored: StoredIncubatorFile | null, dir: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (stored) await removeUpload(stored.path, dir ?? uploadsDir()).catch(() => {});
    throw error;
  }
}

export const MIME_BY_EXT: Record<string, string> = { pdf: "application/pdf", jpg: "image/jpeg", png: "image/png" };

export function mimeOf(path: string): string {
  return MIME_BY_EXT[path.split(".").pop() ?? ""] ?? "application/octet-stream";
}

export type { Db };
