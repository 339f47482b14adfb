// The one place that picks the search engine: Meilisearch when MEILI_HOST is set, the embedded engine otherwise.
import type { SearchEngine } from "./engine";
import { EmbeddedSearchEngine } from "./embedded";

export type AppSearchEngine = SearchEngine & { readonly kind: "embedded" | "meilisearch" };

export interface SearchConfig {
  MEILI_HOST?: string;
  MEILI_API_KEY?: string;
}

export async function createSearchEngine(config: SearchConfig): Promise<AppSearchEngine> {
  if (config.MEILI_HOST) {
    const { MeilisearchEngine } = await import("./meilisearch");
    return Object.assign(new MeilisearchEngine({ host: config.MEILI_HOST, apiKey: config.MEILI_API_KEY }), { kind: "meilisearch" as const });
  }
  return Object.assign(new EmbeddedSearchEngine(), { kind: "embedded" as const });
}
