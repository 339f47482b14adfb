// Real Rongye processes for tests: the web server (server.ts) and the worker (scripts/worker.ts), each a separate
// `node --import tsx` child on a database the test names, with the Remix build made once per run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const buildDir = "tests/.tmp/processes/build";
let built = false;

/** Builds the app once per test run into its own folder (about 10 s). */
export function ensureBuild(): string {
  if (built && existsSync(path.join(root, buildDir, "server/index.js"))) return buildDir;
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    env: { ...process.env, RONGYE_BUILD_DIR: buildDir, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
  built = true;
  return buildDir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function start(name: string, script: string, env: Record<string, string>, ready: RegExp, timeoutMs: number): Promise<RunningProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "test",
      SEED_ON_START: "false",
      RATE_LIMIT_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc: RunningProcess = {
    name,
    child,
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${text}`));
    });
  });
}

/** server.ts on `port`: migrates, fills its in-process search index, follows search_changes; no drains. */
export async function startWeb(name: string, options: { port: number; databaseUrl: string; env?: Record<string, string> }) {
  const proc = await start(
    name,
    "server.ts",
    {
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      RONGYE_BUILD_DIR: ensureBuild(),
      DRAIN_IN_PROCESS: "false",
      ...options.env,
    },
    /listening on/,
    120_000,
  );
  return { ...proc, url: `http://127.0.0.1:${options.port}` };
}

/** scripts/worker.ts: drains the search and mail outboxes and runs maintenance. */
export function startWorker(options: { databaseUrl: string; env?: Record<string, string> }) {
  return start("worker", "scripts/worker.ts", { DATABASE_URL: options.databaseUrl, ...options.env }, /draining outboxes/, 120_000);
}
