// Production worker: drains the search and email outboxes until stopped.
import { loadConfig, startupWarnings } from "../app/env.server";
import { startServices } from "../app/services.server";

const config = loadConfig();
for (const warning of startupWarnings(config)) console.warn(`[worker] WARNING ${"!".repeat(20)}\n[worker] ${warning}`);
const services = await startServices(config, { migrate: false, drains: true, log: (l) => console.log(`[worker] ${l}`) });
console.log(`[worker] draining outboxes (search: ${services.search.kind}, mail: ${services.mailer.kind})`);
const stop = () => {
  services.shutdown().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
