import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createServerDatabase, terminateConnections } from "../helpers/db";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

// The real web server (server.ts on this run's build) on a database of its own, reached through a TCP relay so the
// test can take the database away without stopping the PostgreSQL server everyone shares. PGlite runs inside the
// process and has no connection to lose, so this runs only when DATABASE_URL names a server (as in CI).
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const buildDir = `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}/build`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.describe("the web server when the database drops connections or goes away", () => {
  test.skip(!process.env.DATABASE_URL, "needs a PostgreSQL server (DATABASE_URL); PGlite has no connections to drop");
  test.setTimeout(240_000);

  let proxy: TcpProxy;
  let server: ChildProcess;
  let base: string;
  let database: string;
  let output = "";

  test.beforeAll(async () => {
    const url = await createServerDatabase();
    database = new URL(url).pathname.slice(1);
    const target = new URL(url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "test",
        PORT: String(port),
        PUBLIC_URL: base,
        DATABASE_URL: viaProxy.toString(),
        RONGYE_BUILD_DIR: buildDir,
        SEED_ON_START: "false",
        DRAIN_IN_PROCESS: "true",
        E2E_FIXTURES: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    server.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    await expect
      .poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, { timeout: 120_000, intervals: [500] })
      .toBe(200);
  });

  test.afterAll(async () => {
    server?.kill("SIGTERM");
    await proxy?.close();
  });

  test("survives connections killed under load, answers 503 in both languages while away, and recovers without a restart", async ({ browser }) => {
    // A burst of page loads while every connection of the server is terminated, over and over.
    const until = Date.now() + 5000;
    const statuses: Record<number, number> = {};
    const load = async () => {
      while (Date.now() < until) {
        for (const pathName of ["/", "/fairs", "/training", "/?_data=routes%2F_index"]) {
          const response = await fetch(base + pathName).catch(() => null);
          const status = response?.status ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          await response?.arrayBuffer().catch(() => null);
        }
      }
    };
    let killed = 0;
    const killing = (async () => {
      while (Date.now() < until) {
        killed += await terminateConnections(database);
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await Promise.all([...Array.from({ length: 12 }, load), killing]);
    expect(killed).toBeGreaterThan(10);
    expect(server.exitCode, output).toBeNull();
    expect(output).not.toMatch(/Cannot read properties of null/);
    // Every request was answered: with the page, or 503 while its connection was being killed; never a 500.
    expect({ unanswered: statuses[0] ?? 0, serverErrors: statuses[500] ?? 0, statuses }).toMatchObject({ unanswered: 0, serverErrors: 0 });
    await expect.poll(async () => (await fetch(`${base}/healthz`)).status, { timeout: 15_000 }).toBe(200);

    // The database goes away: the home page says so in the reader's language, with 503 and Retry-After.
    proxy.cut();
    const zhPage = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    const zh = await zhPage.goto(`${base}/`);
    expect(zh?.status()).toBe(503);
    expect(zh?.headers()["retry-after"]).toBe("5");
    await expect(zhPage.getByRole("heading", { level: 1, name: "服务暂时不可用" })).toBeVisible();
    await expect(zhPage.getByText("数据库暂时无法连接，请过几秒再试。")).toBeVisible();
    const page = await (await browser.newContext({ locale: "en-US" })).newPage();
    const en = await page.goto(`${base}/`);
    expect(en?.status()).toBe(503);
    await expect(page.getByRole("heading", { level: 1, name: "Temporarily unavailable" })).toBeVisible();
    await expect(page.getByText("Our database cannot be reached at the moment. Please try again in a few seconds.")).toBeVisible();
    const data = await fetch(`${base}/?_data=routes%2F_index`);
    expect(data.status).toBe(503);
    expect(await data.json()).toEqual({ message: "errorPage.databaseUnavailable" });
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect(server.exitCode).toBeNull();

    // It comes back: the same process serves again.
    proxy.resume();
    await expect.poll(async () => (await fetch(`${base}/`)).status, { timeout: 15_000, intervals: [250] }).toBe(200);
    await page.goto(`${base}/`);
    await expect(page.getByRole("heading", { level: 1, name: "Temporarily unavailable" })).toHaveCount(0);
    expect(server.exitCode).toBeNull();
  });
});
