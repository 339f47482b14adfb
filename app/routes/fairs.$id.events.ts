import type { LoaderFunctionArgs } from "@remix-run/node";
import { subscribeWithResume, type FairEvent } from "../models/fair-events.server";
import { getFair } from "../models/fairs.server";
import { getUser } from "../utils/session.server";

const HEARTBEAT_MS = 15_000;

/**
 * GET /fairs/:id/events — Server-Sent Events for one tab: the lobby's events (queue lengths, representatives'
 * status, booths, the fair itself) and, when signed in, the user's own (calls, chat messages). Resumes after
 * `Last-Event-ID` (or `?after=` from the page's loader) from the fair_events table, so nothing is lost on reconnect.
 * Events carry ids and kinds only; the page re-reads what it shows.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const { fair } = await getFair(context.db, params.id ?? "", user);
  const hub = context.fairHub;
  if (!hub) return new Response("unavailable", { status: 503 });
  const header = request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("after");
  const lastEventId = header && /^\d{1,15}$/.test(header) ? Number(header) : null;
  const audiences = ["lobby", ...(user ? [`user:${user.id}`] : [])];
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      write("retry: 3000\n: connected\n\n");
      const send = (e: FairEvent) => write(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`);
      const unsubscribe = await subscribeWithResume(hub, context.db, fair.id, audiences, lastEventId, send);
      const beat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
