import { describe, expect, it } from "vitest";
import { webConcurrency } from "../../server/cluster";

describe("WEB_CONCURRENCY", () => {
  it("is one process unless asked; a number, or auto for one per core; refuses nonsense", () => {
    expect(webConcurrency(undefined, 8)).toBe(1);
    expect(webConcurrency("", 8)).toBe(1);
    expect(webConcurrency("2", 8)).toBe(2);
    expect(webConcurrency("auto", 2)).toBe(2);
    expect(webConcurrency("64", 2)).toBe(16);
    expect(() => webConcurrency("0", 2)).toThrow(/WEB_CONCURRENCY/);
    expect(() => webConcurrency("two", 2)).toThrow(/WEB_CONCURRENCY/);
  });
});
