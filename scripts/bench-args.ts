// The command line of `npm run bench`, read once with node:util's parseArgs (strict, like the other CLIs: an unknown
// option or a missing value prints the usage and exits 2). The bench's child processes and its hooks
// (scripts/bench-hooks/*.ts) read the same options from here.
import { parseArgs } from "node:util";

export const BENCH_USAGE = `usage: npm run bench -- [--size 10000|100000|1000000] [--profiles N] [--runs 5] [--baseline-runs N]
       [--engines embedded,minisearch,orama] [--no-http] [--no-pg] [--pg-url URL] [--hooks|--no-hooks]
   or: npm run bench -- --quality [--fixtures DIR]
   or: npm run bench -- --outcomes [--veterans 100000] [--applications 500000] [--runs 5] [--pg-url URL] [--keep]
   or: npm run bench -- --api-load [--pg-url URL] [--api-load-db NAME] [--api-load-keep]`;

const options = {
  size: { type: "string" },
  profiles: { type: "string" },
  runs: { type: "string" },
  "baseline-runs": { type: "string" },
  engines: { type: "string" },
  /** Internal: run one engine's measurements (the parent spawns one child per engine). */
  child: { type: "string" },
  hooks: { type: "boolean", default: false },
  "no-hooks": { type: "boolean", default: false },
  "no-http": { type: "boolean", default: false },
  "no-pg": { type: "boolean", default: false },
  "pg-url": { type: "string" },
  quality: { type: "boolean", default: false },
  outcomes: { type: "boolean", default: false },
  fairs: { type: "boolean", default: false },
  clients: { type: "string" },
  joins: { type: "string" },
  veterans: { type: "string" },
  applications: { type: "string" },
  keep: { type: "boolean", default: false },
  fixtures: { type: "string" },
  "api-load": { type: "boolean", default: false },
  "no-api-load": { type: "boolean", default: false },
  "api-load-db": { type: "string" },
  "api-load-keep": { type: "boolean", default: false },
} as const;

export type BenchArgs = ReturnType<typeof parseBenchArgs>;

export function parseBenchArgs(argv: string[]) {
  return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
}

let cached: BenchArgs | undefined;

/** This process's bench options, read on first use (modules of the bench are imported by tests too). */
export function benchArgs(): BenchArgs {
  try {
    cached ??= parseBenchArgs(process.argv.slice(2));
    return cached;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${BENCH_USAGE}\n`);
    process.exit(2);
  }
}

/** The options a parent passes on to a child process unchanged (flags and the Postgres URL). */
export function passedOn(args: BenchArgs): string[] {
  return [
    ...(["no-http", "no-pg", "hooks", "no-hooks"] as const).filter((f) => args[f]).map((f) => `--${f}`),
    ...(args["pg-url"] ? ["--pg-url", args["pg-url"]] : []),
  ];
}
