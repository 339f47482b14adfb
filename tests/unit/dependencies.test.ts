import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Dependencies no source file imports by name, each with the reason it stays (docs/decisions explains more). */
const KEPT_WITHOUT_IMPORT: Record<string, string> = {
  "crypto-js": "remix-utils/csrf/server imports it (an optional peer of remix-utils 7)",
  tsx: "the npm scripts and server.ts run TypeScript through it (node --import tsx)",
  exceljs: "fair report XLSX export (the fairs work)",
};

function importedSomewhere(name: string): boolean {
  const pattern = `(from |import\\(|require\\(|resolve\\()["'\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}([/"'\`])`;
  try {
    execFileSync("git", ["grep", "-qE", pattern, "--", "app", "db", "search", "emails", "scripts", "server.ts", "remix.config.js"]);
    return true;
  } catch {
    return false;
  }
}

describe("dependencies", () => {
  it("every runtime dependency is imported by the code, or says why it stays", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    const unused = Object.keys(pkg.dependencies).filter((name) => !(name in KEPT_WITHOUT_IMPORT) && !importedSomewhere(name));
    expect(unused).toEqual([]);
  });

  it("a dependency kept without an import is still in package.json (no stale reasons)", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(KEPT_WITHOUT_IMPORT).filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});
