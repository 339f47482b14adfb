// The shared contract on the Meilisearch adapter talking to the stateful fake (tests/fakes/meilisearch.ts).
import { MeilisearchEngine } from "../../search/meilisearch";
import { runSearchContract } from "../contract/search-contract";
import { FakeMeilisearch } from "../fakes/meilisearch";

runSearchContract(
  "meilisearch (stateful fake)",
  async () => {
    const fake = new FakeMeilisearch();
    return new MeilisearchEngine({ host: "http://meili.fake", apiKey: "master", fetch: fake.fetch, taskIntervalMs: 1 });
  },
  { pinyin: true },
);
