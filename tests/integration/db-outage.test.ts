import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/env.server";
import { createSession } from "../../app/models/user.server";
import * as rootRoute from "../../app/root";
import * as healthRoute from "../../app/routes/healthz";
import * as trainingRoute from "../../app/routes/training_.$id";
import { mapDomainErrors } from "../../app/utils/http-errors.server";
import { cookies } from "../../app/utils/session.server";
import { createDb, type DbHandle } from "../../db/client";
import { createTrainingSlot, createUser } from "../../db/factories";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { ensureIndexes } from "../../search/sync";
import { createServerDatabase, getTestDb, terminateConnections, testDbKind } from "../helpers/db";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The server's loaders as server.ts serves them: through mapDomainErrors. */
function servedLoaders() {
  const route = (id: string, module: unknown) => ({ id, path: id, module }) as unknown as ServerBuild["routes"][string];
  const build = mapDomainErrors({
    routes: { root: route("root", rootRoute), healthz: route("healthz", healthRoute), training: route("training", trainingRoute) },
  } as unknown as ServerBuild);
  return (id: "root" | "healthz" | "training") => build.routes[id].module.loader!;
}

async function outcome(run: () => unknown): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  try {
    const value = await run();
    const response = value as Response;
    return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, body: await thrown.json(), retryAfter: thrown.headers.get("retry-after") };
  }
}

describe.skipIf(testDbKind() !== "postgres")("the database drops connections or goes away (PostgreSQL server)", () => {
  let url: string;
  beforeAll(async () => {
    await getTestDb();
    url = await createServerDatabase();
  });

  it("the web server's and the worker's process survives pg_terminate_backend mid-burst and recovers by itself", async () => {
    const database = new URL(url).pathname.slice(1);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/db-burst.ts", url, "6000"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let running = true;
    void exited.then(() => (running = false));

    while (running && !stdout.includes("ready")) await new Promise((r) => setTimeout(r, 50));
    let killed = 0;
    const killUntil = Date.now() + 5000;
    while (running && Date.now() < killUntil) {
      killed += await terminateConnections(database);
      await new Promise((r) => setTimeout(r, 40));
    }
    const code = await exited;
    const report = stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { ok: number; failed: number; recovered?: boolean; hang?: boolean })
      .pop();

    expect(stderr).not.toMatch(/Cannot read properties of null/);
    expect({ code, report }).toMatchObject({ code: 0, report: { recovered: true } });
    expect(killed).toBeGreaterThan(10); // connections really were cut, many times
    expect(report!.failed).toBeGreaterThan(0); // and queries in flight met it
    expect(report!.ok).toBeGreaterThan(0);
  }, 90_000);

  describe("while the database is away", () => {
    let proxy: TcpProxy;
    let handle: DbHandle;
    let context: AppLoadContext;
    let slotId: string;
    let sessionCookie: string;

    beforeAll(async () => {
      const target = new URL(url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      const viaProxy = new URL(url);
      viaProxy.port = String(proxy.port);
      handle = await createDb({ DATABASE_URL: viaProxy.toString(), PGLITE_DIR: "memory://" });
      const config = loadConfig({ PUBLIC_URL: "https://rongye.example" });
      const search = new EmbeddedSearchEngine();
      await ensureIndexes(handle.db, search);
      context = {
        config,
        db: handle.db,
        dbKind: "postgres",
        search: Object.assign(search, { kind: "embedded" as const }),
        mailer: { kind: "dev" } as never,
        cspNonce: "",
      } as AppLoadContext;
      slotId = (await createTrainingSlot(handle.db, { title: "叉车操作培训" })).id;
      const user = await createUser(handle.db, { role: "veteran" });
      sessionCookie = await cookies(config).session.serialize(await createSession(handle.db, user.id));
    });
    afterAll(async () => {
      await handle?.close();
      await proxy?.close();
    });

    it("answers 503 with Retry-After and the error page's message, then serves again on the same pool", async () => {
      const loader = servedLoaders();
      const args = (id: string, headers: Record<string, string> = {}) => ({
        request: new Request(`https://rongye.example/${id}`, { headers }),
        context,
        params: { id: slotId },
      });
      const page = () => loader("training")(args("training") as never);
      const rootData = () => loader("root")(args("", { Cookie: sessionCookie }) as never);
      const health = () => loader("healthz")(args("healthz") as never);

      expect((await outcome(page)).status).toBe(200);

      proxy.cut();
      for (const run of [page, rootData]) {
        const started = Date.now();
        const answer = await outcome(run);
        expect(answer).toEqual({ status: 503, body: { message: "errorPage.databaseUnavailable" }, retryAfter: "5" });
        expect(Date.now() - started).toBeLessThan(15_000); // bounded by connect_timeout (5 s per connection attempt), not hanging, not hanging
      }
      expect((await outcome(health)).status).toBe(503);

      proxy.resume();
      // No restart, no new pool: the same handle reconnects on the next request.
      let status = 0;
      for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
        status = (await outcome(page)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      expect((await outcome(rootData)).status).toBe(200);
      expect((await outcome(health)).status).toBe(200);
    }, 60_000);
  });
});

describe("a closed embedded database (PGlite)", () => {
  it("answers 503 rather than 500", async () => {
    const handle = await createDb({ PGLITE_DIR: "memory://" });
    await handle.close();
    const context = { db: handle.db, config: loadConfig({}), dbKind: "pglite" } as unknown as AppLoadContext;
    const answer = await outcome(() =>
      servedLoaders()("training")({ request: new Request("https://rongye.example/training/x"), context, params: { id: "00000000-0000-4000-8000-000000000000" } } as never),
    );
    expect(answer.status).toBe(503);
  }, 120_000); // a new PGlite takes tens of seconds on a loaded machine
});
