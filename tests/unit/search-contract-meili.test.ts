// Runs the contract on a real Meilisearch server when MEILI_HOST (and MEILI_MASTER_KEY if needed) is set.
import { describe } from "vitest";
import { MeilisearchEngine } from "../../search/meilisearch";
import { runSearchContract } from "../contract/search-contract";

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_MASTER_KEY ?? process.env.MEILI_API_KEY;

describe.skipIf(!host)("Meilisearch server", () => {
  runSearchContract(
    "meilisearch",
    async () => new MeilisearchEngine({ host: host!, apiKey, indexPrefix: `contract_${Date.now()}_` }),
    // the adapter adds a pinyin field to every document (search/pinyin-field.ts)
    { pinyin: true },
  );
});
