import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { isDatabaseUnavailable, logError } from "../db/errors";
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableResponse } from "../app/utils/http-errors.server";

export const MAX_BODY_BYTES = 6 * 1024 * 1024; // CV uploads are at most 5 MB; everything else is far smaller
const LINGER_MS = 500;

function tooLarge(res: Response) {
  res.status(413).type("text/plain; charset=utf-8").send("提交的内容太大 / Request body too large");
}

/**
 * Refuse bodies past `limit` bytes. A declared Content-Length is checked at once; a chunked body (no length) is
 * counted as it arrives, at the point where Node hands each piece to the stream, so whoever reads it downstream
 * (CSRF check, form parser) never holds more than the limit: past it the reading stops and the answer is 413.
 */
export function bodyLimit(limit = MAX_BODY_BYTES) {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) > limit) return tooLarge(res);
    if (declared === undefined && req.get("transfer-encoding")) {
      let seen = 0;
      let refused = false;
      const push = req.push.bind(req) as IncomingMessage["push"];
      req.push = (chunk: unknown, encoding?: BufferEncoding) => {
        if (refused) return true; // dropped unread; not a reason to stop reading (the lingering close drains)
        if (chunk !== null && chunk !== undefined) {
          seen += (chunk as Buffer | string).length;
          if (seen > limit) {
            refused = true;
            // Whoever is reading the body gets an error instead of waiting for the rest; the socket closes with it.
            // (An error nobody listens for would end the process, hence the listener of our own.)
            req.on("error", () => {});
            // Lingering close: the answer goes out, then what is still arriving is read and dropped for a moment
            // before the socket closes. Closing with unread data sends a TCP reset, which can wipe the 413 from the
            // sender's buffer before it reads it (the browser would show a connection error instead of the message).
            const stop = () => {
              req.socket.resume();
              req.socket.end();
              setTimeout(() => req.destroy(new Error("Request body too large")), LINGER_MS).unref();
            };
            if (res.headersSent) stop();
            else {
              // The rest of the body is not read: the connection closes after the answer.
              res.on("finish", stop);
              res.set("Connection", "close");
              tooLarge(res);
            }
            req.socket.pause();
            return false;
          }
        }
        return push(chunk, encoding);
      };
    }
    next();
  };
}

/** The session cookie's name (app/utils/session.server.ts). */
const SESSION_COOKIE = "__session=";

/**
 * Anything answered to a signed-in browser (pages, `_data`, resource routes, redirects) may hold personal data:
 * `Cache-Control: private, no-store`, set last so no loader's caching header can loosen it. Mount after the static
 * file handlers.
 */
export function privateWhenSignedIn(req: Request, res: Response, next: NextFunction) {
  const signedIn = (req.get("cookie") ?? "").includes(SESSION_COOKIE);
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    const setCookie = String(res.getHeader("set-cookie") ?? "");
    if (signedIn || setCookie.includes(SESSION_COOKIE)) res.setHeader("Cache-Control", "private, no-store");
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response["writeHead"];
  next();
}

/**
 * The last handler: Express's own prints `error.stack`, whose first line of a database error holds the statement's
 * parameters. Logs safely (db/errors.ts) and answers 500 — or 503 with Retry-After when the database cannot be
 * reached (JSON for the API, text otherwise).
 */
export function safeErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction) {
  const unavailable = isDatabaseUnavailable(error);
  if (unavailable) databaseUnavailableResponse(error); // logs, throttled
  else logError(`[rongye] ${req.method} ${req.path}:`, error);
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  if (unavailable) {
    res.status(503).set({ "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
    if (req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json") {
      res.json({ error: "database_unavailable", retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
    } else {
      res.type("text/plain; charset=utf-8").send("数据库暂时无法连接，请过几秒再试 / The database cannot be reached at the moment, please try again in a few seconds");
    }
    return;
  }
  res.status(500).type("text/plain; charset=utf-8").send("服务器出错，请稍后再试 / Server error, please try again later");
}
