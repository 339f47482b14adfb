import { createDb } from "../db/client";
import { oneTimePasswordLines, seed } from "../db/seed";
import { loadConfig } from "../app/env.server";

const config = loadConfig();
const handle = await createDb(config);
await handle.migrate();
const started = Date.now();
// Production gets random passwords, printed here once; development the README's demo password.
const result = await seed(handle.db, { log: (line: string) => console.log(line), passwords: config.seedPasswords });
if (result.created && config.seedPasswords === "random") {
  for (const line of oneTimePasswordLines(result.accounts)) console.log(line);
}
console.log(result.created ? `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s` : "demo data already present: nothing to do");
await handle.close();
