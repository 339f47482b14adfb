import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { decrypt, encrypt } from "../../app/utils/crypto.server";

const KEY = randomBytes(32).toString("base64");

describe("AES-GCM for personal data", () => {
  it("round-trips", () => {
    expect(decrypt(encrypt("320582199001011234", KEY), KEY)).toBe("320582199001011234");
  });

  it("refuses a value whose tag was cut short, although the short tag is a true prefix", () => {
    const [version, iv, tag, body] = encrypt("320582199001011234", KEY).split(".");
    for (const bytes of [4, 8, 12, 15]) {
      const short = Buffer.from(tag!, "base64url").subarray(0, bytes).toString("base64url");
      expect(() => decrypt([version, iv, short, body].join("."), KEY)).toThrow();
    }
  });

  it("refuses a tampered body and a wrong key", () => {
    const [version, iv, tag, body] = encrypt("320582199001011234", KEY).split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] ^= 1;
    expect(() => decrypt([version, iv, tag, flipped.toString("base64url")].join("."), KEY)).toThrow();
    expect(() => decrypt(encrypt("x", KEY), randomBytes(32).toString("base64"))).toThrow();
  });
});
