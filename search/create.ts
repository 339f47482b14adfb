// The one place that picks the search engine: Meilisearch when MEILI_HOST is set, the embedded engine otherwise.
import type { SearchEngine } from "./engine";
import { EmbeddedSearchEngine } from "./embedded";

export type AppSearchEngine = SearchEngine & { readonly kind: "embedded" | "meilisearch" };

export interface SearchConfig {
  MEILI_HOST?: string;
  /** A key that may write: the worker and `npm run reindex` need it. */
  MEILI_API_KEY?: string;
  /** A search-only key; web servers search with it when set. */
  MEILI_SEARCH_KEY?: string;
  /** Timeout of each request to Meilisearch (ms). */
  MEILI_TIMEOUT_MS?: number;
  /** A fetch for tests (an HTTP-level fake). */
  fetch?: typeof fetch;
}

/** With MEILI_HOST, the server's version is checked first: an older server than the client needs is refused here. */
export async function createSearchEngine(config: SearchConfig): Promise<AppSearchEngine> {
  if (config.MEILI_HOST) {
    const { MeilisearchEngine } = await import("./meilisearch");
    const engine = new MeilisearchEngine({
      host: config.MEILI_HOST,
      apiKey: config.MEILI_API_KEY,
      searchApiKey: config.MEILI_SEARCH_KEY,
      requestTimeoutMs: config.MEILI_TIMEOUT_MS,
      fetch: config.fetch,
    });
    await engine.checkVersion();
    return Object.assign(engine, { kind: "meilisearch" as const });
  }
  return Object.assign(new EmbeddedSearchEngine(), { kind: "embedded" as const });
}
