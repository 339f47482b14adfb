import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it, vi } from "vitest";
import { withDomainErrors } from "../../app/utils/http-errors.server";
import { isDatabaseUnavailable } from "../../db/errors";

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
const wrapped = (error: Error) => new DrizzleQueryError("select 1", [], error);

describe("which errors mean the database is away", () => {
  it.each([
    ["a connection killed under the query", coded("CONNECTION_CLOSED")],
    ["the pool giving up on connecting", coded("CONNECT_TIMEOUT")],
    ["the server refusing the socket", coded("ECONNREFUSED")],
    ["the socket reset", coded("ECONNRESET")],
    ["administrator command (pg_terminate_backend)", coded("57P01", "terminating connection due to administrator command")],
    ["the server starting up", coded("57P03", "the database system is starting up")],
    ["a connection exception (class 08)", coded("08006")],
    ["too many connections", coded("53300")],
    ["a closed PGlite", new Error("PGlite is closed")],
  ])("%s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
  });

  it.each([
    ["a unique violation", coded("23505")],
    ["a syntax error", coded("42601")],
    ["invalid text (NUL byte)", coded("22021")],
    ["a plain bug", new TypeError("x is undefined")],
    ["not an error at all", "CONNECTION_CLOSED"],
  ])("not %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("a loader that meets an unreachable database", () => {
  it("throws 503 with Retry-After and the error page's message key; other errors pass through", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const thrown = await withDomainErrors(async () => {
        throw wrapped(coded("CONNECTION_CLOSED"));
      })().catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      const response = thrown as Response;
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({ message: "errorPage.databaseUnavailable" });
      const bug = new TypeError("x is undefined");
      await expect(withDomainErrors(async () => Promise.reject(bug))()).rejects.toBe(bug);
    } finally {
      spy.mockRestore();
    }
  });
});
