import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { applySchema } from "../../app/forms/application";
import { cookies } from "../../app/utils/session.server";
import {
  contentDisposition,
  CV_MIME,
  detectCvKind,
  MAX_CV_BYTES,
  readMultipartForm,
  storedUploadPath,
  uploadsDir,
  zipEntryNames,
} from "../../app/utils/upload.server";
import { makeDocx, makePdf, makeZip } from "../helpers/application-files";

describe("CV type by content", () => {
  it("recognises a PDF by its %PDF- header, whatever it is called", () => {
    expect(detectCvKind(makePdf())).toBe("pdf");
  });

  it("recognises a DOCX: a ZIP whose central directory names word/document.xml", () => {
    const docx = makeDocx();
    expect(zipEntryNames(docx)).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    expect(detectCvKind(docx)).toBe("docx");
  });

  it("finds the central directory behind an archive comment", () => {
    const docx = makeZip({ "word/document.xml": "<w:document/>" }, { comment: "written by a scanner app" });
    expect(detectCvKind(docx)).toBe("docx");
  });

  it("judges a PDF renamed .docx as the PDF it is (names are never trusted)", () => {
    // The bytes decide; the route stores it as .pdf with application/pdf whatever the upload was called.
    expect(detectCvKind(makePdf())).toBe("pdf");
    expect(zipEntryNames(makePdf())).toBeNull();
  });

  it("refuses a ZIP that is not a Word document (e.g. an .xlsx or a plain archive)", () => {
    const xlsx = makeZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" });
    expect(zipEntryNames(xlsx)).toEqual(["[Content_Types].xml", "xl/workbook.xml"]);
    expect(detectCvKind(xlsx)).toBeNull();
    // "word/document.xml" appearing only inside a file's content is not an entry name.
    const sneaky = makeZip({ "notes.txt": "word/document.xml" });
    expect(detectCvKind(sneaky)).toBeNull();
  });

  it("refuses other files, truncated ZIPs and empty input", () => {
    expect(detectCvKind(new TextEncoder().encode("<html><script>alert(1)</script></html>"))).toBeNull();
    expect(detectCvKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull(); // PNG
    expect(detectCvKind(new Uint8Array())).toBeNull();
    const docx = makeDocx();
    expect(detectCvKind(docx.subarray(0, docx.length - 30))).toBeNull(); // end record cut off
    expect(detectCvKind(new TextEncoder().encode("%PDF"))).toBeNull(); // header incomplete
  });

  it("maps each kind to its real content type", () => {
    expect(CV_MIME.pdf).toBe("application/pdf");
    expect(CV_MIME.docx).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });
});

describe("CV size and storage", () => {
  it("refuses an over-size file in the browser before it is uploaded (same schema as the server)", () => {
    const big = new File([new Uint8Array(MAX_CV_BYTES + 1)], "big.pdf");
    const ok = new File([new Uint8Array(MAX_CV_BYTES)], "ok.pdf");
    const tooBig = applySchema.safeParse({ coverNote: "我在部队开了五年大货车", cv: big });
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["cv", "applications:errors.cvTooLarge"]]);
    expect(applySchema.safeParse({ coverNote: "我在部队开了五年大货车", cv: ok }).success).toBe(true);
    expect(applySchema.safeParse({ coverNote: "我在部队开了五年大货车" }).success).toBe(true);
  });

  it("allows 5 MB and no more", () => {
    expect(MAX_CV_BYTES).toBe(5 * 1024 * 1024);
  });

  it("keeps uploads outside public/", () => {
    const dir = uploadsDir();
    const publicDir = path.join(process.cwd(), "public");
    expect(path.relative(publicDir, dir).startsWith("..")).toBe(true);
  });

  it("only opens stored names it generated (no path traversal through cv_path)", () => {
    const dir = "/srv/uploads";
    expect(storedUploadPath("0123456789abcdef0123456789abcdef.pdf", dir)).toBe("/srv/uploads/0123456789abcdef0123456789abcdef.pdf");
    for (const bad of ["../etc/passwd", "a/../../x.pdf", "0123456789abcdef0123456789abcdef.html", "cv.pdf", ""]) {
      expect(() => storedUploadPath(bad, dir)).toThrow();
    }
  });

  it("writes a download header that cannot be broken by the client's file name", () => {
    const header = contentDisposition('..\\evil"\r\nX-Injected: 1 简历.pdf', "cv");
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith("attachment;")).toBe(true);
    expect(header).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(header.split("filename*=UTF-8''")[1]!)).toBe("evilX-Injected: 1 简历.pdf");
  });
});

describe("reading a multipart application form", () => {
  const config = { SESSION_SECRET: "unit-test-secret-unit-test-secret", production: false } as unknown as AppLoadContext["config"];
  const context = { config } as AppLoadContext;

  async function post(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }, tokenOverride?: string) {
    const [token, cookie] = await cookies(config).csrf.commitToken();
    const form = new FormData();
    form.set("csrf", tokenOverride ?? token);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set("cv", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
    const request = new Request("http://rongye.test/jobs/x/apply", { method: "POST", body: form, headers: { Cookie: cookie!.split(";")[0]! } });
    // Let the Request encode the multipart body, then re-wrap it with its Content-Length, as a browser sends it.
    const body = new Uint8Array(await request.arrayBuffer());
    return new Request(request.url, {
      method: "POST",
      body,
      headers: { Cookie: cookie!.split(";")[0]!, "Content-Type": request.headers.get("Content-Type")!, "Content-Length": String(body.length) },
    });
  }

  it("keeps the file and the text fields when the file is within 5 MB", async () => {
    const pdf = makePdf(MAX_CV_BYTES - makePdf().length); // exactly 5 MB
    expect(pdf.length).toBe(MAX_CV_BYTES);
    const { formData, files, tooLarge } = await readMultipartForm(await post({ coverNote: "我在部队开了五年车" }, { name: "简历.pdf", bytes: pdf }), context, {
      fileFields: ["cv"],
    });
    expect(formData.get("coverNote")).toBe("我在部队开了五年车");
    expect(tooLarge.size).toBe(0);
    expect(files.get("cv")?.filename).toBe("简历.pdf");
    expect(files.get("cv")?.bytes.length).toBe(MAX_CV_BYTES);
  });

  it("drops a file one byte over 5 MB but still reads the rest of the form", async () => {
    const pdf = makePdf(MAX_CV_BYTES - makePdf().length + 1);
    const { formData, files, tooLarge } = await readMultipartForm(await post({ coverNote: "保留我写的内容" }, { name: "big.pdf", bytes: pdf }), context, {
      fileFields: ["cv"],
    });
    expect([...tooLarge]).toEqual(["cv"]);
    expect(files.has("cv")).toBe(false);
    expect(formData.get("coverNote")).toBe("保留我写的内容");
  });

  it("drains a much larger file (12 MB) and still keeps the form, so the person sees a field error", async () => {
    const big = makePdf(12 * 1024 * 1024);
    const { formData, tooLarge } = await readMultipartForm(await post({ coverNote: "文件太大" }, { name: "scan.pdf", bytes: big }), context, {
      fileFields: ["cv"],
    });
    expect([...tooLarge]).toEqual(["cv"]);
    expect(formData.get("coverNote")).toBe("文件太大");
  });

  it("ignores an empty file input", async () => {
    const { files, tooLarge } = await readMultipartForm(await post({ coverNote: "x" }, { name: "", bytes: new Uint8Array() }), context, { fileFields: ["cv"] });
    expect(files.size).toBe(0);
    expect(tooLarge.size).toBe(0);
  });

  it("refuses a post without a valid CSRF token (403)", async () => {
    const request = await post({ coverNote: "x" }, undefined, "forged-token");
    await expect(readMultipartForm(request, context, { fileFields: ["cv"] })).rejects.toSatisfy((r: unknown) => r instanceof Response && r.status === 403);
  });

  it("refuses a request declaring a body far over the limit before reading it (413)", async () => {
    const request = new Request("http://rongye.test/jobs/x/apply", {
      method: "POST",
      body: "x",
      headers: { "Content-Type": "multipart/form-data; boundary=abc", "Content-Length": String(30 * 1024 * 1024) },
    });
    await expect(readMultipartForm(request, context, { fileFields: ["cv"] })).rejects.toSatisfy((r: unknown) => r instanceof Response && r.status === 413);
  });
});
