import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/env.server";
import { CLIENT_ADDRESS_HEADER, clientAddressHeader, parseTrustProxy, type TrustProxy } from "../../app/utils/client-address.server";

const PRODUCTION = {
  NODE_ENV: "production",
  SESSION_SECRET: "a-production-secret-of-enough-length",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  RESEND_API_KEY: "re_test_key",
  MAIL_FROM: "戎业 <noreply@rongye.cn>",
};

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A server wired as server.ts wires it: `trust proxy` from the config, then the address header for the app. */
async function addressEcho(trustProxy: TrustProxy): Promise<string> {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(clientAddressHeader);
  app.get("/", (req, res) => {
    res.send(req.headers[CLIENT_ADDRESS_HEADER]);
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function seenAs(url: string, headers: Record<string, string> = {}): Promise<string> {
  return (await fetch(url, { headers })).text();
}

describe("client address", () => {
  it("trusts no proxy unless TRUST_PROXY says so, in production too", () => {
    expect(loadConfig(PRODUCTION).trustProxy).toBe(false);
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: "10.0.0.0/8, loopback" }).trustProxy).toEqual(["10.0.0.0/8", "loopback"]);
    expect(() => loadConfig({ ...PRODUCTION, TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...PRODUCTION, TRUST_PROXY: "10.0.0.0/33" })).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("99")).toThrow(RangeError);
  });

  it("a rotating X-Forwarded-For changes nothing when TRUST_PROXY is unset", async () => {
    const url = await addressEcho(loadConfig(PRODUCTION).trustProxy);
    const seen = new Set<string>();
    for (let i = 1; i <= 5; i++) seen.add(await seenAs(url, { "X-Forwarded-For": `203.0.113.${i}` }));
    // and a client cannot set the app's own header either
    seen.add(await seenAs(url, { [CLIENT_ADDRESS_HEADER]: "198.51.100.9" }));
    expect([...seen]).toEqual(["127.0.0.1"]);
  });

  it("believes exactly the configured hops or proxies", async () => {
    const oneHop = await addressEcho(parseTrustProxy("1"));
    expect(await seenAs(oneHop, { "X-Forwarded-For": "198.51.100.1, 203.0.113.7" })).toBe("203.0.113.7");
    const loopbackProxy = await addressEcho(parseTrustProxy("127.0.0.1"));
    expect(await seenAs(loopbackProxy, { "X-Forwarded-For": "203.0.113.8" })).toBe("203.0.113.8");
    const otherProxy = await addressEcho(parseTrustProxy("10.0.0.0/8"));
    expect(await seenAs(otherProxy, { "X-Forwarded-For": "203.0.113.9" })).toBe("127.0.0.1");
  });
});
