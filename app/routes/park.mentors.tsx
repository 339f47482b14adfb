import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, IntentForm, IntentOutcome } from "../components/incubator-ui";
import { formatDateTime } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { addMentor, addMentorSlot, listParkMentors, writeBookingNote } from "../models/incubator-onboarding.server";
import { DomainError } from "../models/errors";
import { readForm } from "../utils/form.server";
import { intField, runIntent, textField } from "../utils/intent.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkMentors");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  return json({ mentors: await listParkMentors(context.db, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const form = await readForm(request, context);
  const intent = String(form.get("intent") ?? "");
  return runIntent(intent, async () => {
    switch (intent) {
      case "mentor": {
        const name = textField(form, "name", 80);
        if (!name) throw new DomainError("errors.required", "name");
        const email = textField(form, "email", 200);
        return addMentor(context.db, user, {
          name,
          title: textField(form, "title", 120),
          expertise: textField(form, "expertise", 300).split(/[,，、\s]+/).filter(Boolean).slice(0, 10),
          bio: textField(form, "bio", 1000),
          email: email || null,
        });
      }
      case "slot": {
        const startsAt = String(form.get("startsAt") ?? "");
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startsAt)) throw new DomainError("incubator:errors.slotPast", "startsAt");
        return addMentorSlot(context.db, user, String(form.get("mentorId") ?? ""), {
          startsAt: new Date(`${startsAt}:00+08:00`),
          minutes: intField(form, "minutes"),
          place: textField(form, "place", 120) || null,
        });
      }
      case "note":
        return writeBookingNote(context.db, user, String(form.get("bookingId") ?? ""), textField(form, "note", 2000));
      default:
        throw new DomainError("errors.badForm");
    }
  });
}

export default function ParkMentorsRoute() {
  const { mentors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  return (
    <section aria-labelledby="mentors-title" className="training-admin">
      <h1 id="mentors-title">{t("mentors.title")}</h1>
      <p className="muted">{t("mentors.intro")}</p>
      <IntentOutcome result={result} />
      {mentors.length === 0 ? <p className="empty">{t("park.noMentors")}</p> : null}
      {mentors.map((m) => (
        <article key={m.id} className="card" aria-labelledby={`mentor-${m.id}`}>
          <h2 id={`mentor-${m.id}`} className="h3">
            {m.name}
          </h2>
          <p className="card-meta">{[m.title, m.expertise.join(" · ")].filter(Boolean).join(" · ")}</p>
          {m.slots.length === 0 ? (
            <p className="empty">{t("mentors.noSlots")}</p>
          ) : (
            <ul>
              {m.slots.map((s) => (
                <li key={s.id}>
                  {formatDateTime(s.startsAt, locale)} · {t("mentoring.minutes", { count: s.minutes })}
                  {s.place ? ` · ${s.place}` : ""} · {s.bookingId ? t("mentors.bookedBy", { venture: s.venture ?? "", topic: s.topic ?? "" }) : t("mentors.free")}
                  {s.bookingId ? (
                    <IntentForm intent="note" label={t("mentors.saveNote")} secondary>
                      <input type="hidden" name="bookingId" value={s.bookingId} />
                      <Field id={`note-${s.bookingId}`} label={t("mentors.note")}>
                        <textarea id={`note-${s.bookingId}`} name="note" rows={2} defaultValue={s.note ?? ""} maxLength={2000} />
                      </Field>
                    </IntentForm>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <IntentForm intent="slot" label={t("mentors.addSlot", { name: m.name })}>
            <input type="hidden" name="mentorId" value={m.id} />
            <div className="field-row">
              <Field id={`startsAt-${m.id}`} label={t("mentors.startsAt")}>
                <input id={`startsAt-${m.id}`} name="startsAt" type="datetime-local" />
              </Field>
              <Field id={`minutes-${m.id}`} label={t("mentors.minutes")}>
                <input id={`minutes-${m.id}`} name="minutes" type="number" min={15} max={480} defaultValue={60} />
              </Field>
              <Field id={`place-${m.id}`} label={t("mentors.place")}>
                <input id={`place-${m.id}`} name="place" maxLength={120} />
              </Field>
            </div>
          </IntentForm>
        </article>
      ))}
      <h2 id="new-mentor-title">{t("mentors.add")}</h2>
      <IntentForm intent="mentor" label={t("mentors.add")}>
        <Field id="mentor-name" label={t("mentors.name")}>
          <input id="mentor-name" name="name" maxLength={80} />
        </Field>
        <Field id="mentor-title" label={t("mentors.titleLabel")}>
          <input id="mentor-title" name="title" maxLength={120} />
        </Field>
        <Field id="mentor-expertise" label={t("mentors.expertise")}>
          <input id="mentor-expertise" name="expertise" maxLength={300} />
        </Field>
        <Field id="mentor-email" label={t("mentors.email")}>
          <input id="mentor-email" name="email" type="email" maxLength={200} />
        </Field>
        <Field id="mentor-bio" label={t("mentors.bio")}>
          <textarea id="mentor-bio" name="bio" rows={3} maxLength={1000} />
        </Field>
      </IntentForm>
    </section>
  );
}
