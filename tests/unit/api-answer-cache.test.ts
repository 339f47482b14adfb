import { describe, expect, it } from "vitest";
import { ApiAnswerCache, type ApiJobSearchResult } from "../../app/models/public-jobs-api.server";

const answer = (total: number): ApiJobSearchResult => ({ hits: [], total, page: 1, hits_per_page: 20, facets: {} });

describe("/api/jobs answer cache", () => {
  it("searches once per interval for the same parameters, again once it has passed; 0 turns it off", async () => {
    const cache = new ApiAnswerCache();
    let searches = 0;
    const make = async () => answer(++searches);
    expect((await cache.get("q=司机", 2000, make, 1000)).total).toBe(1);
    expect((await cache.get("q=司机", 2000, make, 2999)).total).toBe(1);
    expect((await cache.get("q=保安", 2000, make, 2999)).total).toBe(2);
    expect((await cache.get("q=司机", 2000, make, 3000)).total).toBe(3);
    expect((await cache.get("q=司机", 0, make, 3001)).total).toBe(4);
    expect((await cache.get("q=司机", 0, make, 3001)).total).toBe(5);
  });

  it("keeps at most its bound of answers", async () => {
    const cache = new ApiAnswerCache(2);
    let searches = 0;
    const make = async () => answer(++searches);
    await cache.get("a", 2000, make, 0);
    await cache.get("b", 2000, make, 0);
    await cache.get("c", 2000, make, 0);
    expect((await cache.get("a", 2000, make, 1)).total).toBe(4);
  });
});
