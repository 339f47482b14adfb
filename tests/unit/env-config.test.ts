import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { loadConfig, startupWarnings } from "../../app/env.server";

const PRODUCTION = {
  NODE_ENV: "production",
  SESSION_SECRET: "production-session-secret-0123456789",
  DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  RESEND_API_KEY: "re_test_key",
  MAIL_FROM: "戎业 <noreply@rongye.cn>",
};

describe("configuration: seeding on start", () => {
  it("development seeds an empty database with the demo password, as before", () => {
    const config = loadConfig({});
    expect(config.seedOnStart).toBe(true);
    expect(config.seedPasswords).toBe("demo");
  });

  it("development can turn seeding off", () => {
    expect(loadConfig({ SEED_ON_START: "false" }).seedOnStart).toBe(false);
  });

  it("production never seeds unless asked", () => {
    expect(loadConfig(PRODUCTION).seedOnStart).toBe(false);
  });

  it("production seeds when asked explicitly, and then with random passwords", () => {
    const config = loadConfig({ ...PRODUCTION, SEED_ON_START: "true" });
    expect(config.seedOnStart).toBe(true);
    expect(config.seedPasswords).toBe("random");
  });
});

describe("configuration: mail in production", () => {
  it("refuses to start without RESEND_API_KEY", () => {
    expect(() => loadConfig({ ...PRODUCTION, RESEND_API_KEY: undefined })).toThrow(/RESEND_API_KEY is required in production/);
  });

  it("starts without a key when mail is disabled explicitly, and says so loudly", () => {
    const config = loadConfig({ ...PRODUCTION, RESEND_API_KEY: undefined, MAIL_DISABLED: "true" });
    expect(config.mailDisabled).toBe(true);
    expect(startupWarnings(config).join("\n")).toMatch(/MAIL IS NOT SENT/);
  });

  it("has nothing to warn about when mail is configured", () => {
    expect(startupWarnings(loadConfig(PRODUCTION))).toEqual([]);
  });

  it("requires MAIL_FROM in production", () => {
    expect(() => loadConfig({ ...PRODUCTION, MAIL_FROM: undefined })).toThrow(/MAIL_FROM is required in production/);
  });

  it("keeps a development sender and needs no key in development", () => {
    const config = loadConfig({});
    expect(config.MAIL_FROM).toContain("rongye.example");
    expect(startupWarnings(config)).toEqual([]);
  });
});

describe("configuration: health token", () => {
  it("must be long enough to be a secret", () => {
    expect(() => loadConfig({ HEALTH_TOKEN: "short" })).toThrow(/HEALTH_TOKEN/);
    expect(loadConfig({ HEALTH_TOKEN: "a-long-enough-health-token" }).HEALTH_TOKEN).toBe("a-long-enough-health-token");
  });
});
