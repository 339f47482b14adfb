import { createDb } from "../db/client";
import { seed } from "../db/seed";
import { loadConfig } from "../app/env.server";

const config = loadConfig();
const handle = await createDb(config);
await handle.migrate();
const started = Date.now();
const result = await seed(handle.db, { log: (line: string) => console.log(line) });
console.log(result.created ? `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s` : "demo data already present: nothing to do");
await handle.close();
