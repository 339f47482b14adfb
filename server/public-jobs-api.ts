// `/api/jobs` over HTTP: served by Express ahead of the static handlers and Remix (ADR 006), the one place it is
// answered. The rules (CORS, rate limit, parameters, search) are publicJobsApi's.
import type { RequestHandler } from "express";
import { publicJobsApi, publicJobsApiRateLimit } from "../app/models/public-jobs-api.server";
import { expressClientAddress } from "../app/utils/client-address.server";

export function publicJobsApiHandler(
  services: Parameters<typeof publicJobsApi>[0],
  limiter = publicJobsApiRateLimit,
): RequestHandler {
  return (req, res, next) => {
    publicJobsApi(
      services,
      {
        method: req.method,
        searchParams: new URL(req.originalUrl, "http://localhost").searchParams,
        clientIp: expressClientAddress(req),
      },
      limiter,
    )
      .then((reply) => {
        res.status(reply.status).set(reply.headers);
        if (reply.body === null) res.end();
        else res.json(reply.body);
      })
      .catch(next);
  };
}
