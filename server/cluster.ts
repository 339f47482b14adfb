// Several web server processes on one machine (Node's cluster): WEB_CONCURRENCY=2 (or "auto": one per core) forks
// that many workers sharing the port. The first worker migrates, seeds and runs the in-process drains as a single
// server would; the others start once it listens, with none of that. Each worker with the embedded engine holds its
// own copy of the index (built from the database, then following search_changes, ADR 011), so memory grows by one
// index per worker; with Meilisearch they share the server's. PGlite serves one process only (ADR 005), so a
// cluster needs DATABASE_URL.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";

/** Worker count from WEB_CONCURRENCY: unset or 1 → 1 (no cluster); "auto" → the cores available; capped at 16. */
export function webConcurrency(value: string | undefined, cores = availableParallelism()): number {
  if (value === undefined || value.trim() === "") return 1;
  if (value.trim() === "auto") return Math.max(1, Math.min(16, cores));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WEB_CONCURRENCY must be a whole number of 1 or more, or "auto" (got "${value}")`);
  return Math.min(16, n);
}

/** What a cluster worker must (not) do at start; a single server does everything. */
export interface WorkerRole {
  /** Migrate, seed an empty database, run the in-process drains when configured. */
  first: boolean;
  index: number;
}

export function workerRole(): WorkerRole {
  if (!cluster.isWorker) return { first: true, index: 0 };
  const index = Number(process.env.RONGYE_WORKER_INDEX ?? "0");
  return { first: index === 0, index };
}

/**
 * Runs in the primary: forks `count` workers (the first alone, the rest once it listens), replaces one that dies,
 * and passes SIGTERM/SIGINT on. The primary itself serves nothing.
 */
export function runPrimary(count: number, log: (line: string) => void): void {
  if (!process.env.DATABASE_URL) {
    throw new Error("WEB_CONCURRENCY > 1 needs DATABASE_URL: the embedded PGlite database serves one process only");
  }
  let stopping = false;
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ RONGYE_WORKER_INDEX: String(index) });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      log(`worker ${index} exited (${signal ?? code}); starting another`);
      fork(index);
    });
    return worker;
  };
  const first = fork(0);
  first.once("listening", () => {
    for (let i = 1; i < count; i++) fork(i);
    log(`${count} web workers`);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => process.exit(0), 6000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  cluster.on("exit", () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
}
