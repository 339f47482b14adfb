import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { loadConfig } from "../../app/env.server";
import { formSourceFromFormData } from "../../app/models/profile-form.server";
import { action as profileAction } from "../../app/routes/profile";
import { action as signUpAction } from "../../app/routes/signup";
import { MAX_FORM_FIELDS, readForm } from "../../app/utils/form.server";
import { cookies } from "../../app/utils/session.server";
import { createSession } from "../../app/models/user.server";
import type { Db } from "../../db/client";
import { logError } from "../../db/errors";
import { createUser } from "../../db/factories";
import { users } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";

const config = loadConfig({ PUBLIC_URL: "https://rongye.example" });

function contextFor(db: Db): AppLoadContext {
  return { db, config, dbKind: "pglite", search: undefined as never, mailer: undefined as never, cspNonce: "" } as AppLoadContext;
}

/** A same-site form post with a valid CSRF token (and the session cookie when given), as a browser would send it. */
async function formPost(path: string, fields: [string, string][], session?: string): Promise<Request> {
  const [token, csrfCookie] = await cookies(config).csrf.commitToken();
  const body = new URLSearchParams([["csrf", token], ...fields]);
  const cookieHeader = [csrfCookie!.split(";")[0], session ? (await cookies(config).session.serialize(session)).split(";")[0] : null]
    .filter(Boolean)
    .join("; ");
  return new Request(`https://rongye.example${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader, "x-rongye-client-ip": "10.9.8.7" },
    body,
  });
}

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

afterEach(() => vi.restoreAllMocks());

describe("form reading", () => {
  beforeAll(() => getTestDb());

  it(`refuses more than ${MAX_FORM_FIELDS} fields with 413 before the route does any work`, async () => {
    await withRollback(async (tx) => {
      const fields = Array.from({ length: 10_000 }, (_, i): [string, string] => ["skills", `技能${i}`]);
      expect(await thrownStatus(readForm(await formPost("/profile", fields), contextFor(tx)))).toBe(413);
      const atLimit = Array.from({ length: MAX_FORM_FIELDS - 1 }, (_, i): [string, string] => ["skills", `技能${i}`]);
      const formData = await readForm(await formPost("/profile", atLimit), contextFor(tx));
      expect(formData.getAll("skills")).toHaveLength(MAX_FORM_FIELDS - 1);
    });
  });

  it("a veteran posting 10,000 skills to /profile gets 413", async () => {
    await withRollback(async (tx) => {
      const veteran = await createUser(tx, { role: "veteran" });
      const session = await createSession(tx, veteran.id);
      const fields = Array.from({ length: 10_000 }, (_, i): [string, string] => ["skills", `技能${i}`]);
      const request = await formPost("/profile", [["fullName", "陈志强"], ...fields], session);
      expect(await thrownStatus(profileAction({ request, context: contextFor(tx), params: {} }))).toBe(413);
    });
  });

  it("trims the profile's lists to the schema's limits before re-drawing the form", () => {
    const formData = new FormData();
    for (let i = 0; i < 900; i++) formData.append("skills", `技能${i}`);
    for (let i = 0; i < 900; i++) formData.append("desiredRoles", `岗位${i}`);
    formData.set("extraSkills", Array.from({ length: 5000 }, (_, i) => `手写${i}`).join("、"));
    const { source } = formSourceFromFormData(formData);
    expect(source.skills.length).toBeLessThanOrEqual(40 + 30);
    expect(source.desiredRoles.length).toBeLessThanOrEqual(20);
  });

  it("a veteran's name with a NUL is a 400 with a message by the field, not a 500", async () => {
    await withRollback(async (tx) => {
      const veteran = await createUser(tx, { role: "veteran" });
      const session = await createSession(tx, veteran.id);
      const request = await formPost("/profile", [["fullName", "陈\u0000志强"], ["visibility", "hidden"]], session);
      const response = (await profileAction({ request, context: contextFor(tx), params: {} })) as Response;
      expect(response.status).toBe(400);
      const body = (await response.json()) as { result: { error: Record<string, string[]> } };
      expect(body.result.error.fullName).toContain("errors.controlChars");
    });
  });

  it("sign-up with a NUL in the name is a 400 and creates no account", async () => {
    await withRollback(async (tx) => {
      const email = `nul-${Date.now()}@example.com`;
      const request = await formPost("/signup", [
        ["role", "veteran"],
        ["displayName", "王\u0000五"],
        ["email", email],
        ["password", "Secret-pass-1"],
        ["confirmPassword", "Secret-pass-1"],
        ["acceptTerms", "on"],
      ]);
      const response = (await signUpAction({ request, context: contextFor(tx), params: {} })) as Response;
      expect(response.status).toBe(400);
      const body = (await response.json()) as { result: { error: Record<string, string[]> } };
      expect(body.result.error.displayName).toContain("errors.controlChars");
      expect(await tx.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    });
  });
});

describe("database errors in logs", () => {
  it("name, code and message only: never the statement's parameters", async () => {
    await withRollback(async (tx) => {
      const secret = "13800138000-secret-phone";
      let caught: unknown;
      try {
        await tx.transaction(async (inner) => {
          await inner.execute(sql`select ${`陈\u0000志强`}::text as name, ${secret}::text as phone`);
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Error);
      // Logged whole, the error would show the parameters (drizzle puts them in its message).
      expect(String(caught)).toContain(secret);
      const printed: string[] = [];
      vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
      logError("[test]", caught);
      expect(printed).toHaveLength(1);
      expect(printed[0]).not.toContain(secret);
      expect(printed[0]).not.toContain("志强");
      expect(printed[0]).toMatch(/\b22021\b|0x00|null character|invalid byte sequence/i);
    });
  });
});
