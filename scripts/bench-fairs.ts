// Fair bench (issue 10): in a scratch PostgreSQL database, one fair with 20 booths, then
//   1. 200 veterans joining one booth's queue at once (latency p50/p95/max; tickets 1..200 exactly once),
//   2. 1,000 SSE clients over real HTTP connections across the 20 booths' lobby (the same FairHub and
//      subscribeWithResume the /fairs/:id/events route uses, NOTIFY from a second connection), memory per idle
//      connection, the time until a representative's "accept next" reaches all 1,000 lobby clients, and
//   3. chat message latency to the other party's stream (p95 of 50).
//
//   npm run bench -- --fairs [--clients 1000] [--joins 200] [--pg-url URL]
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Actor } from "../app/models/authz.server";
import { FairHub, subscribeWithResume } from "../app/models/fair-events.server";
import { answerCall, callNext, joinQueue, sendMessage, setRepStatus } from "../app/models/fair-queue.server";
import { createDb, type Db } from "../db/client";
import { createFairBooth, createJobFair, createOrganization, createUser, createVeteranProfile } from "../db/factories";
import { ensureRegions } from "../db/regions";
import { benchArgs } from "./bench-args";

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function benchFairs(): Promise<void> {
  const args = benchArgs();
  const clients = Number(args.clients ?? "1000");
  const joins = Number(args.joins ?? "200");
  const url = args["pg-url"] ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `rongye_bench_fairs_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const writer = await createDb({ DATABASE_URL: u.toString(), PGLITE_DIR: "memory://", poolMax: 20 });
  const listener = await createDb({ DATABASE_URL: u.toString(), PGLITE_DIR: "memory://", poolMax: 4 });
  const rows: [string, string][] = [];
  let server: http.Server | null = null;
  try {
    await writer.migrate();
    const db: Db = writer.db;
    await ensureRegions(db, ["320582"]);
    const hour = 3600_000;
    const fair = await createJobFair(db, { status: "published", mode: "hybrid", startsAt: new Date(Date.now() - hour), endsAt: new Date(Date.now() + 8 * hour) });
    const booths: { id: string; rep: Actor }[] = [];
    for (let i = 0; i < 20; i++) {
      const rep = await createUser(db, { role: "employer" });
      const org = await createOrganization(db, { ownerUserId: rep.id, verificationStatus: "verified", name: `展位单位 ${i}` });
      const booth = await createFairBooth(db, { fairId: fair.id, organizationId: org.id, repUserIds: [rep.id] });
      booths.push({ id: booth.id, rep: { id: rep.id, role: "employer" } });
    }
    const vets: Actor[] = [];
    for (let i = 0; i < joins; i++) {
      const user = await createUser(db, { role: "veteran" });
      await createVeteranProfile(db, { userId: user.id, fullName: `退役军人${i}` });
      vets.push({ id: user.id, role: "veteran" });
    }

    // 1. concurrent joins
    const lat: number[] = [];
    const t0 = performance.now();
    const results = await Promise.all(
      vets.map(async (v) => {
        const s = performance.now();
        const r = await joinQueue(db, v, booths[0]!.id);
        lat.push(performance.now() - s);
        return r;
      }),
    );
    const wall = performance.now() - t0;
    const tickets = results.map((r) => r.ticket).sort((a, b) => a - b);
    const exact = tickets.every((t, i) => t === i + 1);
    rows.push([`${joins} concurrent queue joins, p50 / p95 / max`, `${ms(pct(lat, 50))} / ${ms(pct(lat, 95))} / ${ms(Math.max(...lat))}`]);
    rows.push([`${joins} joins, wall time; tickets 1..${joins} exactly once`, `${ms(wall)}; ${exact ? "yes" : "NO"}`]);

    // 2. SSE fan-out over HTTP: a stream per client, lobby + its own user audience
    const hub = new FairHub(listener.db, listener.listen, { pollMs: 3000 });
    server = http.createServer(async (req, res) => {
      const who = new URL(req.url ?? "/", "http://x").searchParams.get("user") ?? "anon";
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      res.write("retry: 3000\n: connected\n\n");
      const stop = await subscribeWithResume(hub, listener.db, fair.id, ["lobby", `user:${who}`], null, (e) => {
        res.write(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`);
      });
      req.on("close", () => stop());
    });
    server.maxConnections = clients + 100;
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 10 });
    type Client = { seen: Map<string, number>; res: http.IncomingMessage | null };
    const streams: Client[] = [];
    const wait = (c: Client, kind: string, after: number) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const at = c.seen.get(kind);
          if (at !== undefined && at >= after) resolve(at);
          else setTimeout(check, 2);
        };
        check();
      });
    const open = (user: string) =>
      new Promise<Client>((resolve, reject) => {
        const c: Client = { seen: new Map(), res: null };
        const req = http.get({ host: "127.0.0.1", port, path: `/?user=${user}`, agent }, (res) => {
          c.res = res;
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            for (const m of chunk.matchAll(/event: (\w+)/g)) c.seen.set(m[1]!, performance.now());
            if (chunk.includes(": connected")) resolve(c);
          });
        });
        req.on("error", reject);
      });
    global.gc?.();
    const before = process.memoryUsage();
    for (let i = 0; i < clients; i += 100) {
      const batch = await Promise.all(Array.from({ length: Math.min(100, clients - i) }, (_, j) => open(i + j < vets.length ? vets[i + j]!.id : `viewer-${i + j}`)));
      streams.push(...batch);
    }
    await new Promise((r) => setTimeout(r, 500));
    global.gc?.();
    const after = process.memoryUsage();
    rows.push([`SSE clients connected (HTTP, one process, server + clients)`, `${streams.length} (hub subscriptions ${hub.size})`]);
    rows.push([`memory per idle connection (heap + external, server and client side)`, `${(((after.heapUsed + after.external) - (before.heapUsed + before.external)) / streams.length / 1024).toFixed(1)} KB`]);
    rows.push([`RSS growth per connection (incl. client sockets)`, `${((after.rss - before.rss) / streams.length / 1024).toFixed(1)} KB`]);

    // "accept next": the representative calls; every lobby client sees the queue event
    await setRepStatus(db, booths[0]!.rep, booths[0]!.id, "available");
    const fan: number[] = [];
    for (let round = 0; round < 5; round++) {
      const s = performance.now();
      const called = await callNext(db, booths[0]!.rep, booths[0]!.id);
      if (called.status !== "called") break;
      const times = await Promise.all(streams.map((c) => wait(c, "queue", s)));
      fan.push(...times.map((t) => t - s));
      // that place ends, so the representative (3 chats at most) can call again next round
      await db.execute(sql`update fair_queue_entries set status = 'done' where id = ${called.entryId}`);
    }
    rows.push([`"call next" reaches all ${streams.length} lobby clients, p50 / p95 / max`, `${ms(pct(fan, 50))} / ${ms(pct(fan, 95))} / ${ms(Math.max(...fan))}`]);

    // 3. chat latency: a veteran (with an open stream) and the representative exchange 50 messages
    const b = booths[1]!;
    const vet = vets[joins - 1]!;
    await joinQueue(db, vet, b.id);
    const call = await callNext(db, b.rep, b.id);
    if (call.status !== "called") throw new Error("no call");
    const chat = await answerCall(db, vet, call.entryId);
    const vetStream = streams[joins - 1]!;
    const chatLat: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      await sendMessage(db, b.rep, chat.id, `消息 ${i}`, new Date(Date.now() + i * 2000));
      const at = await wait(vetStream, "message", s);
      chatLat.push(at - s);
    }
    rows.push([`chat message to the other party's stream (50), p50 / p95 / max`, `${ms(pct(chatLat, 50))} / ${ms(pct(chatLat, 95))} / ${ms(Math.max(...chatLat))}`]);

    for (const c of streams) c.res?.destroy();
    agent.destroy();
    await hub.close();
  } finally {
    if (server) server.closeAllConnections?.();
    server?.close();
    await listener.close();
    await writer.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nFair bench (${new Date().toISOString()}, ${process.platform}, node ${process.version})`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
