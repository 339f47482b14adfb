import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for personal data at rest (national ID numbers). The key is config.DATA_ENCRYPTION_KEY: 32 bytes,
 * base64, passed in by the caller. Stored form: "v1.<iv>.<tag>.<ciphertext>" (base64url parts), so a later key
 * rotation can add "v2" without guessing what a stored value is.
 */
const VERSION = "v1";
const IV_BYTES = 12;
// GCM accepts a tag cut short (down to 4 bytes) unless told its length, and a short tag is forgeable by trial.
const TAG_BYTES = 16;

function keyBytes(keyBase64: string): Buffer {
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== 32) throw new Error("The data encryption key must be 32 bytes, base64");
  return key;
}

export function encrypt(plaintext: string, keyBase64: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(keyBase64), iv, { authTagLength: TAG_BYTES });
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
}

/** Throws when the value was not produced by `encrypt` with this key (wrong key, tampered, or not ours). */
export function decrypt(payload: string, keyBase64: string): string {
  const [version, iv, tag, body] = payload.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
    throw new Error("Not an encrypted value");
  }
  const tagBytes = Buffer.from(tag, "base64url");
  if (tagBytes.length !== TAG_BYTES) throw new Error("Not an encrypted value");
  const decipher = createDecipheriv("aes-256-gcm", keyBytes(keyBase64), Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * A keyed hash (HMAC-SHA256 under the same key) of an identifier such as a national ID number: equal numbers give
 * equal hashes, so a row can be found by the number without storing it in the clear or decrypting every row.
 */
export function keyedHash(value: string, keyBase64: string): string {
  return createHmac("sha256", keyBytes(keyBase64)).update(`rongye:${value.trim().toUpperCase()}`).digest("base64url");
}
