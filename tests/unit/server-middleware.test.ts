import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { bodyLimit, privateWhenSignedIn, safeErrorHandler } from "../../server/middleware";

const LIMIT = 64 * 1024;
/** Bytes each request's handler managed to read, in arrival order. */
const consumed: number[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(bodyLimit(LIMIT));
  app.post("/read", (req, res) => {
    let n = 0;
    req.on("data", (chunk: Buffer) => (n += chunk.length));
    req.on("end", () => res.type("text/plain").send(`read ${n}`));
    req.on("close", () => consumed.push(n));
  });
  app.use(privateWhenSignedIn);
  app.get("/page", (_req, res) => res.set("Cache-Control", "public, max-age=60").send("page"));
  app.post("/signin", (_req, res) => res.set("Set-Cookie", "__session=abc; Path=/; HttpOnly").redirect("/dashboard"));
  app.get("/fails", () => {
    throw new DrizzleQueryError("insert into users (email, phone) values ($1, $2)", ["a@example.com", "13800138000"], new Error("boom"));
  });
  const gone = () => {
    // What drizzle throws when postgres.js finds the connection killed under the statement.
    throw new DrizzleQueryError("select * from users where phone = $1", ["13800138000"], Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" }));
  };
  app.get("/api/gone", gone);
  app.get("/gone", gone);
  app.use(safeErrorHandler);
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** POST a chunked body (no Content-Length) of up to `total` bytes, stopping when the server answers. */
function postChunked(total: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ port, method: "POST", path: "/read", headers: { "Content-Type": "application/x-www-form-urlencoded" } }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(16 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("body size limit", () => {
  it("refuses a chunked body with no Content-Length past the limit, having read no more than the limit", async () => {
    const before = consumed.length;
    const reply = await postChunked(20 * 1024 * 1024);
    expect(reply.status).toBe(413);
    expect(reply.body).toContain("Request body too large");
    await expect.poll(() => consumed.length).toBeGreaterThan(before);
    expect(consumed[before]).toBeLessThanOrEqual(LIMIT);
  });

  it("lets a chunked body under the limit through whole", async () => {
    const reply = await postChunked(32 * 1024);
    expect(reply).toMatchObject({ status: 200, body: `read ${32 * 1024}` });
  });

  it("refuses a declared Content-Length past the limit before reading", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/read`, { method: "POST", body: "a".repeat(LIMIT + 1) });
    expect(response.status).toBe(413);
  });
});

describe("Cache-Control for signed-in browsers", () => {
  it("is private, no-store when the session cookie is sent, whatever the handler said", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/page`, { headers: { Cookie: "lng=zh-CN; __session=abc" } });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("is private, no-store on the answer that starts a session", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/signin`, { method: "POST", redirect: "manual" });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("leaves anonymous answers as the handler set them", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/page`, { headers: { Cookie: "lng=en" } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
  });
});

describe("the last error handler", () => {
  it("answers 500 and logs the error without the statement's parameters", async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    try {
      const response = await fetch(`http://127.0.0.1:${port}/fails`);
      expect(response.status).toBe(500);
      expect(printed.join("\n")).toContain("boom");
      expect(printed.join("\n")).not.toContain("13800138000");
      expect(printed.join("\n")).not.toContain("a@example.com");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the last error handler while the database is away", () => {
  it("answers 503 with Retry-After: JSON for the API, text in both languages for pages, no parameters logged", async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    try {
      const api = await fetch(`http://127.0.0.1:${port}/api/gone`);
      expect(api.status).toBe(503);
      expect(api.headers.get("retry-after")).toBe("5");
      expect(await api.json()).toEqual({ error: "database_unavailable", retryAfterSeconds: 5 });
      const page = await fetch(`http://127.0.0.1:${port}/gone`, { headers: { Accept: "text/html" } });
      expect(page.status).toBe(503);
      const text = await page.text();
      expect(text).toContain("数据库暂时无法连接");
      expect(text).toContain("The database cannot be reached");
      expect(printed.join("\n")).not.toContain("13800138000");
    } finally {
      spy.mockRestore();
    }
  });
});
