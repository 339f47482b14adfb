import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "../../app/utils/http.server";

describe("safeRedirectPath", () => {
  it.each([
    "/dashboard",
    "/jobs?q=%E5%8F%B8%E6%9C%BA&region=320500",
    "/jobs/6f1c2d3e-0000-4000-8000-000000000000/apply",
    "/profile#skills",
    "/training?page=2&sort=newest",
    "/",
    "/jobs?q=a%2Fb",
  ])("keeps the same-site path %s", (to) => {
    expect(safeRedirectPath(to, "/fallback")).toBe(to);
  });

  it("normalises dot segments but stays on the site", () => {
    expect(safeRedirectPath("/a/../jobs", "/fallback")).toBe("/jobs");
  });

  it.each([
    ["a tab browsers strip", "/\t/evil.example"],
    ["a percent-encoded tab", "/%09/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["a percent-encoded newline", "/%0a/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["a DEL", "/\u007f/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a percent-encoded backslash", "/%5cevil.example"],
    ["a backslash later", "/jobs\\..\\..\\evil"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/path"],
    ["dot segments that end protocol-relative", "/.//evil.example"],
    ["three slashes", "///evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "dashboard"],
    ["a scheme-relative with a space", " //evil.example"],
    ["empty", ""],
    ["an overlong target", "/" + "a".repeat(3000)],
    ["a form vertical tab", "/\u000b/evil.example"],
  ])("refuses %s", (_label, to) => {
    expect(safeRedirectPath(to, "/fallback")).toBe("/fallback");
  });

  it.each([null, undefined])("falls back for %s", (to) => {
    expect(safeRedirectPath(to, "/dashboard")).toBe("/dashboard");
  });

  it("falls back for a file upload", () => {
    expect(safeRedirectPath(new File(["x"], "x.txt"), "/dashboard")).toBe("/dashboard");
  });
});
