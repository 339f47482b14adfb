import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, startupWarnings } from "../../app/env.server";
import { publicUrlFor } from "../../app/utils/public-url.server";

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

describe("links in mail", () => {
  it("development without PUBLIC_URL uses the address the person is browsing at", () => {
    const config = loadConfig({ PORT: "3000" });
    expect(config.PUBLIC_URL).toBe("http://localhost:3000");
    expect(publicUrlFor(new Request("http://127.0.0.1:3000/jobs/1/apply"), config)).toBe("http://127.0.0.1:3000");
    expect(publicUrlFor(new Request("http://192.168.1.20:3000/signup"), config)).toBe("http://192.168.1.20:3000");
  });

  it("a configured PUBLIC_URL wins, and production never builds links from the request's Host", () => {
    const dev = loadConfig({ PUBLIC_URL: "https://staging.rongye.cn/" });
    expect(publicUrlFor(new Request("http://127.0.0.1:3000/signup"), dev)).toBe("https://staging.rongye.cn");
    const production = loadConfig({ ...PRODUCTION, PUBLIC_URL: "https://rongye.cn" });
    expect(publicUrlFor(new Request("http://evil.example/signup"), production)).toBe("https://rongye.cn");
  });

  it("no route reads config.PUBLIC_URL directly", () => {
    const dir = join(__dirname, "../../app/routes");
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), "utf8"), file).not.toContain("config.PUBLIC_URL");
    }
  });
});
