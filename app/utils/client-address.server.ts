import { isIP } from "node:net";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

/**
 * The one place that decides which address a request came from (rate limits key on it).
 *
 * X-Forwarded-For is only believed for the proxies named by `TRUST_PROXY`: unset means none, so the socket
 * address counts and a client rotating the header gains nothing. Behind a load balancer set the number of proxy
 * hops in front of the app (`1` for one balancer), or the proxies' addresses/subnets (`10.0.0.0/8, 127.0.0.1`,
 * or Express's names `loopback`, `linklocal`, `uniquelocal`). Express applies the setting (`trust proxy`); this module
 * reads `req.ip` once and hands it to the app under a header of ours, replacing whatever a client sent under it.
 */

/** What Express's `trust proxy` receives: nothing trusted, a hop count, or the trusted proxies. */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Parse `TRUST_PROXY`; throws a RangeError naming the bad part (the config check reports it at start). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new RangeError("TRUST_PROXY: at most 10 proxy hops");
    return hops;
  }
  const entries = text.split(",").map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrSubnet(e));
  if (bad.length > 0 || entries.length === 0) {
    throw new RangeError(`TRUST_PROXY: not a hop count or proxy address/subnet: ${bad.join(", ") || text}`);
  }
  return entries;
}

export const CLIENT_ADDRESS_HEADER = "x-rongye-client-ip";

/** The client's address as Express derived it under the `trust proxy` setting (IPv4-mapped IPv6 shortened). */
export function expressClientAddress(req: ExpressRequest): string {
  const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Express middleware: put the derived address in our header for the Remix app, overwriting any client value. */
export function clientAddressHeader(req: ExpressRequest, _res: ExpressResponse, next: NextFunction) {
  req.headers[CLIENT_ADDRESS_HEADER] = expressClientAddress(req);
  next();
}

/** The client's address inside the Remix app (set by `clientAddressHeader` in server.ts). */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) || "local";
}
