import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { useCountdown } from "./fair-live";

interface Entry {
  id: string;
  boothId: string;
  orgName: string;
  status: string;
  position: number;
  waitMinutes: number | null;
  callExpiresAt: string | null;
}

interface Mine {
  entries: Entry[];
  chats: { id: string; status: string; orgName: string }[];
  slots: { id: string; startsAt: string; endsAt: string; orgName: string }[];
}

/** The veteran's queue places (position, honest wait, the "your turn" call with its countdown), chats and interviews. */
export function FairQueues({ mine, busy, fairId }: { mine: Mine; busy: boolean; fairId: string }) {
  const { t, i18n } = useTranslation("fairs");
  const locale = i18n.language as Locale;
  return (
    <section className="panel" aria-labelledby="my-queues">
      <h2 id="my-queues">{t("queue.mine")}</h2>
      {mine.entries.length === 0 ? <p className="empty">{t("queue.none")}</p> : null}
      <ul className="queue-list">
        {mine.entries.map((e) => (
          <QueueEntry key={e.id} entry={e} busy={busy} fairId={fairId} />
        ))}
      </ul>
      {mine.chats.length ? (
        <>
          <h3>{t("queue.chats")}</h3>
          <ul>
            {mine.chats.map((c) => (
              <li key={c.id}>
                <Link to={`/fairs/chats/${c.id}`}>{t("queue.chatWith", { org: c.orgName })}</Link>{" "}
                <span className="status-pill">{c.status === "open" ? t("chat.open") : t("chat.closed")}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {mine.slots.length ? (
        <>
          <h3>{t("queue.interviews")}</h3>
          <ul>
            {mine.slots.map((s) => (
              <li key={s.id}>
                {s.orgName} · <time dateTime={s.startsAt}>{formatDateTime(s.startsAt, locale)}</time>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function QueueEntry({ entry, busy, fairId }: { entry: Entry; busy: boolean; fairId: string }) {
  const { t } = useTranslation("fairs");
  const seconds = useCountdown(entry.callExpiresAt);
  const called = entry.status === "called" && entry.callExpiresAt;
  return (
    <li className={called ? "card queue-call" : "card"}>
      <p>
        <strong>{entry.orgName}</strong>{" "}
        {entry.status === "in_chat" ? (
          <span className="status-pill">{t("queue.inChat")}</span>
        ) : (
          <span aria-live="polite">
            {t("queue.position", { position: entry.position })}
            {" · "}
            {entry.waitMinutes === null ? t("queue.waitUnknown") : t("queue.waitAbout", { minutes: entry.waitMinutes })}
          </span>
        )}
      </p>
      {called ? (
        <div role="alert">
          <p>
            <strong>{t("queue.yourTurn")}</strong> {t("queue.secondsLeft", { seconds })}
          </p>
          <Form method="post" action={`/fairs/${fairId}/lobby`}>
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="answer" />
            <input type="hidden" name="entryId" value={entry.id} />
            <button type="submit" className="button" disabled={busy}>
              {t("queue.accept")}
            </button>
          </Form>
        </div>
      ) : null}
      {entry.status === "waiting" || entry.status === "called" ? (
        <Form method="post" action={`/fairs/${fairId}/lobby`}>
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="intent" value="leave" />
          <input type="hidden" name="entryId" value={entry.id} />
          <button type="submit" className="button button-secondary" disabled={busy} aria-label={t("queue.leaveAt", { org: entry.orgName })}>
            {t("queue.leave")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}
