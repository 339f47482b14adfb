import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AppLoadContext, UploadHandler } from "@remix-run/node";
import { json, unstable_parseMultipartFormData } from "@remix-run/node";
import { CSRFError } from "remix-utils/csrf/server";
import { MAX_CV_BYTES } from "../forms/application";
import { fieldCounter } from "./form.server";
import { cookies } from "./session.server";

export { MAX_CV_BYTES };

/** Text parts of a multipart form (cover note, CSRF token…) are small; anything longer is cut off and refused. */
const MAX_TEXT_PART_BYTES = 64 * 1024;
/**
 * The whole request we are willing to read. An over-size file up to this is drained and dropped, so the person
 * gets a message next to the file field with the rest of the form kept; beyond it the request is refused (413).
 */
const MAX_MULTIPART_BYTES = 4 * MAX_CV_BYTES + 512 * 1024;

export type CvKind = "pdf" | "docx";
export const CV_MIME: Record<CvKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * Where uploaded files live: outside `public/`, so the static server can never hand them out; they are served
 * only through the authorised CV route. One function so the folder can later come from configuration.
 */
export function uploadsDir(): string {
  return path.join(process.cwd(), "data", "uploads");
}

// ---------------------------------------------------------------- type by content

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04"
const ZIP_EOCD = 0x06054b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * The names in a ZIP file's central directory, or null when the bytes are not a readable ZIP. Reads the
 * end-of-central-directory record (searched backwards over a possible archive comment), then walks the entries.
 * ZIP64 archives are refused: a CV of at most 5 MB never needs them.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (!startsWith(bytes, ZIP_LOCAL_HEADER) || bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === ZIP_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return null;
  const names: string[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > eocd) return null;
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Scanned documents (a business licence): a PDF or a photo, judged by the bytes. */
export type ScanKind = "pdf" | "jpg" | "png";
export const SCAN_MIME: Record<ScanKind, string> = { pdf: "application/pdf", jpg: "image/jpeg", png: "image/png" };
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function detectScanKind(bytes: Uint8Array): ScanKind | null {
  if (startsWith(bytes, PDF_MAGIC)) return "pdf";
  if (startsWith(bytes, JPEG_MAGIC)) return "jpg";
  if (startsWith(bytes, PNG_MAGIC)) return "png";
  return null;
}

/** What a CV really is, judged by its bytes (never by its name or the browser's content type). */
export function detectCvKind(bytes: Uint8Array): CvKind | null {
  if (startsWith(bytes, PDF_MAGIC)) return "pdf";
  const names = zipEntryNames(bytes);
  if (names?.includes("word/document.xml")) return "docx";
  return null;
}

// ---------------------------------------------------------------- storage

const STORED_NAME = /^[a-f0-9]{32}\.(pdf|docx|jpg|png)$/;

export interface StoredFile {
  /** The random file name inside the uploads folder (what `applications.cv_path` holds). */
  name: string;
  absolutePath: string;
}

/** Write bytes under a random name; the client's file name never touches the path. */
export async function storeUpload(bytes: Uint8Array, kind: CvKind | ScanKind, dir = uploadsDir()): Promise<StoredFile> {
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const name = `${randomBytes(16).toString("hex")}.${kind}`;
  const absolutePath = path.join(dir, name);
  await writeFile(absolutePath, bytes, { flag: "wx", mode: 0o640 });
  return { name, absolutePath };
}

/** The absolute path of a stored upload; throws on anything that is not one of our random names. */
export function storedUploadPath(name: string, dir = uploadsDir()): string {
  if (!STORED_NAME.test(name)) throw new Error("Not a stored upload name");
  return path.join(dir, name);
}

export async function readUpload(name: string, dir = uploadsDir()): Promise<Buffer> {
  return readFile(storedUploadPath(name, dir));
}

export async function removeUpload(name: string, dir = uploadsDir()): Promise<void> {
  await rm(storedUploadPath(name, dir), { force: true });
}

/** ASCII control characters (built from char codes so no control character sits in a regex literal). */
export const CONTROL_CHARS = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(31)}${String.fromCharCode(127)}]`, "g");

/** A file name safe to put in Content-Disposition: the original's base name, control and quote characters removed. */
export function contentDisposition(filename: string, fallback: string): string {
  const base = filename.split(/[/\\]/).pop()?.replace(CONTROL_CHARS, "").replace(/["\\]/g, "").trim() || fallback;
  const ascii = base.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

/**
 * A stored upload sent to an authorised reader: always a download (never rendered inline), typed from its content,
 * never cached, sandboxed; the server adds X-Content-Type-Options: nosniff to every response.
 */
export function downloadResponse(file: { bytes: Uint8Array; mime: string; filename: string }, fallbackName: string): Response {
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file.filename, fallbackName),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

// ---------------------------------------------------------------- multipart forms

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

export interface MultipartForm {
  formData: FormData;
  /** File parts that arrived, by field name (parts over the limit are absent and named in `tooLarge`). */
  files: Map<string, UploadedFile>;
  /** Fields whose file was over the limit: the rest of the form is still read. */
  tooLarge: Set<string>;
}

/**
 * Read a multipart form post with file fields kept in memory up to `maxFileBytes` each, and check its CSRF token
 * like `readForm` does. An over-size file does not abort the parse: its bytes are drained and dropped and the
 * field is reported in `tooLarge`, so the route can answer with a field error and keep what was typed.
 * An empty file input (no file chosen) is ignored.
 */
export async function readMultipartForm(
  request: Request,
  context: AppLoadContext,
  options: { fileFields: string[]; maxFileBytes?: number },
): Promise<MultipartForm> {
  const maxFileBytes = options.maxFileBytes ?? MAX_CV_BYTES;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_MULTIPART_BYTES) {
    throw json({ message: "errors.tooLarge" }, { status: 413 });
  }
  const files = new Map<string, UploadedFile>();
  const tooLarge = new Set<string>();
  let total = 0;
  const countField = fieldCounter();

  const handler: UploadHandler = async ({ name, filename, data }) => {
    countField();
    const isFileField = options.fileFields.includes(name) && typeof filename === "string";
    const limit = isFileField ? maxFileBytes : MAX_TEXT_PART_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of data) {
      total += chunk.byteLength;
      if (total > MAX_MULTIPART_BYTES) throw json({ message: "errors.tooLarge" }, { status: 413 });
      size += chunk.byteLength;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    }
    if (!isFileField) {
      if (over) throw json({ message: "errors.tooLarge" }, { status: 413 });
      return new TextDecoder().decode(concat(chunks, size));
    }
    if (over) {
      tooLarge.add(name);
      return undefined;
    }
    if (size === 0) return undefined; // the file input was left empty
    files.set(name, { filename: filename ?? "", bytes: concat(chunks, size) });
    return undefined;
  };

  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw json({ message: "errors.badForm" }, { status: 400 });
  }
  try {
    await cookies(context.config).csrf.validate(formData, request.headers);
  } catch (error) {
    if (error instanceof CSRFError) throw json({ message: "errors.csrf" }, { status: 403 });
    throw error;
  }
  return { formData, files, tooLarge };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
