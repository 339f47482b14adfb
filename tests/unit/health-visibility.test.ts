import { describe, expect, it } from "vitest";
import { healthForCaller, type Health } from "../../app/models/health.server";

const HEALTH = {
  ok: true,
  database: { ok: true, kind: "postgres" },
  search: { ok: true, engine: "embedded", documents: { jobs: 41, training_slots: 8, veteran_profiles: 25 } },
  outbox: { search: { pending: 0, oldestAgeSeconds: null }, email: { pending: 3, oldestAgeSeconds: 12 } },
  mail: { kind: "resend" },
} as unknown as Health;
const TOKEN = "health-token-0123456789abcdef";

describe("/healthz visibility", () => {
  it("shows only ok/not-ok in production without a token", () => {
    expect(healthForCaller(HEALTH, { production: true, HEALTH_TOKEN: TOKEN }, null)).toEqual({ ok: true });
    expect(healthForCaller({ ...HEALTH, ok: false }, { production: true, HEALTH_TOKEN: undefined }, null)).toEqual({ ok: false });
  });

  it("shows only ok/not-ok in production with a wrong token, or when no token is configured", () => {
    expect(healthForCaller(HEALTH, { production: true, HEALTH_TOKEN: TOKEN }, "Bearer wrong")).toEqual({ ok: true });
    expect(healthForCaller(HEALTH, { production: true, HEALTH_TOKEN: TOKEN }, TOKEN)).toEqual({ ok: true });
    expect(healthForCaller(HEALTH, { production: true, HEALTH_TOKEN: undefined }, "Bearer ")).toEqual({ ok: true });
  });

  it("shows the details in production to a caller with the token", () => {
    expect(healthForCaller(HEALTH, { production: true, HEALTH_TOKEN: TOKEN }, `Bearer ${TOKEN}`)).toEqual(HEALTH);
  });

  it("shows the details in development", () => {
    expect(healthForCaller(HEALTH, { production: false, HEALTH_TOKEN: undefined }, null)).toEqual(HEALTH);
  });
});
