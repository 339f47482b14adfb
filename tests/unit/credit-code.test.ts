import { describe, expect, it } from "vitest";
import {
  completeCreditCode,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  normaliseCreditCode,
} from "../../app/utils/credit-code";

// Codes printed on real business licences (public registrations), checked by hand against GB 32100-2015.
const REAL = ["91350100M000100Y43", "91110000600037341L"];

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts codes from real licences", () => {
    expect(isValidCreditCode(REAL[0]!)).toBe(true);
    expect(isValidCreditCode(REAL[1]!)).toBe(true);
  });

  it("computes the check character, 31 written as 0", () => {
    expect(creditCodeCheckCharacter("91350100M000100Y4")).toBe("3");
    expect(creditCodeCheckCharacter("91110000600037341")).toBe("L");
    // Find a prefix whose remainder is 0 and check it maps to "0", not to an out-of-range character.
    const prefixes = Array.from({ length: 100 }, (_, n) => "913205820000000" + String(n).padStart(2, "0"));
    const zeroCase = prefixes.find((p) => creditCodeCheckCharacter(p) === "0");
    expect(zeroCase).toBeDefined();
    expect(isValidCreditCode(zeroCase + "0")).toBe(true);
  });

  it("rejects a wrong check character", () => {
    expect(creditCodeProblem("91350100M000100Y44")).toBe("checksum");
    expect(isValidCreditCode("91110000600037341K")).toBe(false);
  });

  it("rejects wrong lengths and letters outside the alphabet (I, O, S, V, Z)", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toBe("length");
    expect(creditCodeProblem("")).toBe("length");
    expect(creditCodeProblem("91350100O000100Y43")).toBe("characters");
    expect(creditCodeProblem("9135010ZM000100Y43")).toBe("characters");
  });

  it("accepts lower case and copied spaces after normalising", () => {
    expect(normaliseCreditCode(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
    expect(isValidCreditCode("91350100m000100y43")).toBe(true);
    expect(isValidCreditCode("9135 0100-M000 100Y43")).toBe(true);
  });

  it("completes a prefix into a valid code", () => {
    const code = completeCreditCode("91320582MA1MABCD1");
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
    expect(() => completeCreditCode("short")).toThrow();
  });
});
