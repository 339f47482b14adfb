import { createDb } from "../db/client";
import { loadConfig } from "../app/env.server";

const config = loadConfig();
const handle = await createDb(config);
await handle.migrate();
console.log(`migrated (${handle.kind})`);
await handle.close();
