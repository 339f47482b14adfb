import { and, asc, eq, gt, inArray, max, sql } from "drizzle-orm";
import type { Db, Listen } from "../../db/client";
import { fairEvents } from "../../db/schema-fairs";

/**
 * Fair events: every change a lobby or a person must see is a row in `fair_events` (written in the transaction that
 * made the change), followed by `pg_notify('fair_events', <fair id>)`. NOTIFY is only a wake-up (delivered at commit,
 * lost under transaction pooling, may stop silently): the hub re-reads rows after its cursor, and also polls while
 * anyone listens. Event inserts of one fair hold an advisory lock until commit, so ids commit in order and a cursor
 * never skips a row committed late.
 */

export const FAIR_CHANNEL = "fair_events";
export type Audience = "lobby" | `user:${string}`;

export interface FairEvent {
  id: number;
  fairId: string;
  audience: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** Record an event in the caller's transaction and wake listeners at commit. */
export async function emitFairEvent(
  tx: Db,
  fairId: string,
  audience: Audience,
  kind: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"fair_events:" + fairId}))`);
  await tx.insert(fairEvents).values({ fairId, audience, kind, payload });
  await tx.execute(sql`select pg_notify(${FAIR_CHANNEL}, ${fairId})`);
}

/** Events of a fair for these audiences after `afterId`, oldest first. */
export async function readFairEvents(db: Db, fairId: string, audiences: string[], afterId: number, limit = 500): Promise<FairEvent[]> {
  const rows = await db
    .select()
    .from(fairEvents)
    .where(and(eq(fairEvents.fairId, fairId), inArray(fairEvents.audience, audiences), gt(fairEvents.id, afterId)))
    .orderBy(asc(fairEvents.id))
    .limit(limit);
  return rows.map((r) => ({ id: Number(r.id), fairId: r.fairId, audience: r.audience, kind: r.kind, payload: r.payload }));
}

export async function latestFairEventId(db: Db, fairId: string): Promise<number> {
  const [row] = await db.select({ id: max(fairEvents.id) }).from(fairEvents).where(eq(fairEvents.fairId, fairId));
  return Number(row?.id ?? 0);
}

type Subscriber = {
  audiences: Set<string>;
  deliver: (event: FairEvent) => void;
};

interface FairChannel {
  cursor: number;
  ready: Promise<void>;
  subscribers: Set<Subscriber>;
  reading: Promise<void> | null;
  again: boolean;
}

/**
 * One per process: fans a fair's events out to every open stream of that fair with one read per wake-up (not one
 * per stream). Several processes share a fair through NOTIFY.
 */
export class FairHub {
  private fairs = new Map<string, FairChannel>();
  private unlisten: (() => Promise<void>) | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private db: Db,
    private listen: Listen | null,
    private options: { pollMs?: number } = {},
  ) {}

  private async start() {
    this.starting ??= (async () => {
      if (this.listen) {
        this.unlisten = await this.listen(FAIR_CHANNEL, (payload) => this.wake(payload));
      }
      this.poll = setInterval(() => {
        for (const id of this.fairs.keys()) this.wake(id);
      }, this.options.pollMs ?? 3000);
      this.poll.unref?.();
    })();
    return this.starting;
  }

  /** Listen to a fair's events for these audiences; returns the unsubscribe function. */
  async subscribe(fairId: string, audiences: string[], deliver: (event: FairEvent) => void): Promise<() => void> {
    await this.start();
    let channel = this.fairs.get(fairId);
    if (!channel) {
      const created: FairChannel = { cursor: 0, ready: Promise.resolve(), subscribers: new Set(), reading: null, again: false };
      created.ready = latestFairEventId(this.db, fairId).then((id) => {
        created.cursor = Math.max(created.cursor, id);
      });
      this.fairs.set(fairId, created);
      channel = created;
    }
    await channel.ready;
    const sub: Subscriber = { audiences: new Set(audiences), deliver };
    channel.subscribers.add(sub);
    const ch = channel;
    return () => {
      ch.subscribers.delete(sub);
      if (ch.subscribers.size === 0 && this.fairs.get(fairId) === ch) this.fairs.delete(fairId);
    };
  }

  /** Something happened in this fair (a NOTIFY, a poll tick): read new rows once and hand them out. */
  wake(fairId: string): void {
    const channel = this.fairs.get(fairId);
    if (!channel) return;
    if (channel.reading) {
      channel.again = true;
      return;
    }
    channel.reading = (async () => {
      do {
        channel.again = false;
        await channel.ready;
        const rows = await this.db
          .select()
          .from(fairEvents)
          .where(and(eq(fairEvents.fairId, fairId), gt(fairEvents.id, channel.cursor)))
          .orderBy(asc(fairEvents.id))
          .limit(2000);
        for (const r of rows) {
          const event: FairEvent = { id: Number(r.id), fairId: r.fairId, audience: r.audience, kind: r.kind, payload: r.payload };
          channel.cursor = Math.max(channel.cursor, event.id);
          for (const sub of channel.subscribers) if (sub.audiences.has(event.audience)) sub.deliver(event);
        }
        if (rows.length === 2000) channel.again = true;
      } while (channel.again);
    })()
      .catch((error) => console.error("[fairs] event read failed", error))
      .finally(() => {
        channel.reading = null;
      });
  }

  /** Open streams of one fair in this process (the host's dashboard shows it as "watching now"). */
  watching(fairId: string): number {
    return this.fairs.get(fairId)?.subscribers.size ?? 0;
  }

  /** Number of open subscriptions (for the benchmark and the health of the process). */
  get size(): number {
    let n = 0;
    for (const c of this.fairs.values()) n += c.subscribers.size;
    return n;
  }

  async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    if (this.unlisten) await this.unlisten().catch(() => {});
    this.unlisten = null;
    this.fairs.clear();
  }
}

/**
 * A subscription that first replays what was missed after `lastEventId` from the table and then continues live,
 * never delivering an event twice or out of order (live events wait until the replay is done).
 */
export async function subscribeWithResume(
  hub: FairHub,
  db: Db,
  fairId: string,
  audiences: string[],
  lastEventId: number | null,
  deliver: (event: FairEvent) => void,
): Promise<() => void> {
  let sent = lastEventId ?? 0;
  let replaying = lastEventId !== null;
  const queued: FairEvent[] = [];
  const send = (event: FairEvent) => {
    if (event.id <= sent) return;
    sent = event.id;
    deliver(event);
  };
  const unsubscribe = await hub.subscribe(fairId, audiences, (event) => {
    if (replaying) queued.push(event);
    else send(event);
  });
  if (lastEventId !== null) {
    for (;;) {
      const missed = await readFairEvents(db, fairId, audiences, sent);
      for (const e of missed) send(e);
      if (missed.length < 500) break;
    }
    replaying = false;
    for (const e of queued.sort((a, b) => a.id - b.id)) send(e);
  }
  return unsubscribe;
}
