import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * One Server-Sent Events stream per tab (`GET /fairs/:id/events`): every event re-reads the page's loader (events
 * carry ids, not state), at most about four times a second. The browser's EventSource reconnects by itself and
 * sends Last-Event-ID, so nothing is missed while the connection was down. `onEvent` sees each event's kind first
 * (the lobby uses it to ring on a "your turn" call). Returns whether the stream is connected.
 */
export function useFairEvents(fairId: string | null, onEvent?: (kind: string, data: Record<string, unknown>) => void): boolean {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!fairId || typeof EventSource === "undefined") return;
    const source = new EventSource(`/fairs/${fairId}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        revalidate.current();
      }, 250);
    };
    const listener = (event: MessageEvent<string>) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(event.data) as Record<string, unknown>;
      } catch {
        /* events always carry JSON; ignore anything else */
      }
      handler.current?.(event.type, data);
      schedule();
    };
    const kinds = ["queue", "reps", "booths", "fair", "slots", "call", "missedOnce", "removed", "chat", "chatClosed", "message", "help", "outcome"];
    for (const k of kinds) source.addEventListener(k, listener as EventListener);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [fairId]);
  return connected;
}

/** Draw attention to a "your turn" call: a short tone, a flashing tab title and a notification where allowed. */
export function ringForCall(title: string, body: string): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (Ctx) {
      const ctx = new Ctx();
      const osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.4);
    }
  } catch {
    /* no sound: the title and the page still show the call */
  }
  const original = document.title;
  let n = 0;
  const flash = setInterval(() => {
    document.title = n % 2 === 0 ? `🔔 ${title}` : original;
    if (++n >= 20 || document.hasFocus()) {
      clearInterval(flash);
      document.title = original;
    }
  }, 700);
  if ("Notification" in window && Notification.permission === "granted" && !document.hasFocus()) {
    new Notification(title, { body });
  }
}

/** Seconds left until `iso`, ticking every second (0 when past or null). */
export function useCountdown(iso: string | null): number {
  const left = () => (iso ? Math.max(0, Math.round((new Date(iso).getTime() - Date.now()) / 1000)) : 0);
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (!iso) return;
    const id = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [iso]);
  return seconds;
}
