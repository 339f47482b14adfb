import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, IntentForm, IntentOutcome } from "../components/incubator-ui";
import { formatFen } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { addRubricCriterion, rubricOf } from "../models/incubator-application.server";
import { addChecklistItem, listChecklistTemplate, removeChecklistItem } from "../models/incubator-onboarding.server";
import { requirePark } from "../models/incubator-package.server";
import { getPaymentSettings, updatePaymentSettings } from "../models/incubator-payment.server";
import { DomainError } from "../models/errors";
import { readForm } from "../utils/form.server";
import { intField, runIntent, textField, yuanField } from "../utils/intent.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkSettings");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const park = await requirePark(context.db, user);
  const [rubric, checklist, payment] = await Promise.all([rubricOf(context.db, park.id), listChecklistTemplate(context.db, user), getPaymentSettings(context.db, user)]);
  return json({ rubric, checklist, payment, online: !!context.stripe });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const form = await readForm(request, context);
  const intent = String(form.get("intent") ?? "");
  return runIntent(intent, async () => {
    const park = await requirePark(context.db, user);
    switch (intent) {
      case "criterion": {
        const name = textField(form, "name", 80);
        if (!name) throw new DomainError("errors.required", "name");
        return addRubricCriterion(context.db, user, park.id, { name, weight: intField(form, "weight"), maxScore: intField(form, "maxScore") });
      }
      case "checklist-add": {
        const title = textField(form, "title", 120);
        const dueDays = intField(form, "dueDays");
        if (!title) throw new DomainError("errors.required", "title");
        if (!(dueDays >= 0 && dueDays <= 365)) throw new DomainError("incubator:errors.number", "dueDays");
        return addChecklistItem(context.db, user, {
          title,
          owner: form.get("owner") === "park" ? "park" : "founder",
          dueDays,
          evidenceRequired: form.get("evidenceRequired") === "on",
        });
      }
      case "checklist-remove":
        return removeChecklistItem(context.db, user, String(form.get("itemId") ?? ""));
      case "payment":
        return updatePaymentSettings(context.db, user, {
          bankAccountName: textField(form, "bankAccountName", 120),
          bankName: textField(form, "bankName", 120),
          bankAccountNumber: textField(form, "bankAccountNumber", 40),
          approvalThresholdFen: yuanField(form, "approvalThreshold"),
          offlineOnly: form.get("offlineOnly") === "on",
        });
      default:
        throw new DomainError("errors.badForm");
    }
  });
}

export default function ParkSettingsRoute() {
  const { rubric, checklist, payment, online } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  return (
    <section aria-labelledby="settings-title" className="training-admin">
      <h1 id="settings-title">{t("settings.title")}</h1>
      <IntentOutcome result={result} />

      <h2 id="rubric-title">{t("settings.rubric")}</h2>
      {rubric.length === 0 ? (
        <p className="empty">{t("settings.noRubric")}</p>
      ) : (
        <ul aria-labelledby="rubric-title">
          {rubric.map((c) => (
            <li key={c.id}>{t("reviews.criterion", { name: c.name, max: c.maxScore, weight: c.weight })}</li>
          ))}
        </ul>
      )}
      <IntentForm intent="criterion" label={t("settings.addCriterion")}>
        <Field id="criterion-name" label={t("settings.criterionName")}>
          <input id="criterion-name" name="name" maxLength={80} />
        </Field>
        <div className="field-row">
          <Field id="weight" label={t("settings.weight")}>
            <input id="weight" name="weight" type="number" min={1} max={100} defaultValue={1} />
          </Field>
          <Field id="maxScore" label={t("settings.maxScore")}>
            <input id="maxScore" name="maxScore" type="number" min={1} max={100} defaultValue={10} />
          </Field>
        </div>
      </IntentForm>

      <h2 id="checklist-title">{t("settings.checklist")}</h2>
      <ul className="card-list" aria-labelledby="checklist-title">
        {checklist.map((item) => (
          <li key={item.id} className="card">
            <p>
              <strong>{item.title}</strong> · {t(`owner.${item.owner}`)} · {t("settings.dueDays", { count: item.dueDays })}
              {item.evidenceRequired ? ` · ${t("settings.evidence")}` : ""}
            </p>
            <IntentForm intent="checklist-remove" label={t("settings.remove", { title: item.title })} secondary>
              <input type="hidden" name="itemId" value={item.id} />
            </IntentForm>
          </li>
        ))}
      </ul>
      <IntentForm intent="checklist-add" label={t("settings.addItem")}>
        <Field id="item-title" label={t("settings.itemTitle")}>
          <input id="item-title" name="title" maxLength={120} />
        </Field>
        <div className="field-row">
          <Field id="owner" label={t("settings.owner")}>
            <select id="owner" name="owner" defaultValue="founder">
              <option value="founder">{t("owner.founder")}</option>
              <option value="park">{t("owner.park")}</option>
            </select>
          </Field>
          <Field id="dueDays" label={t("settings.dueDaysLabel")}>
            <input id="dueDays" name="dueDays" type="number" min={0} max={365} defaultValue={7} />
          </Field>
        </div>
        <div className="field checkbox">
          <input id="evidenceRequired" name="evidenceRequired" type="checkbox" />
          <label htmlFor="evidenceRequired">{t("settings.evidence")}</label>
        </div>
      </IntentForm>

      <h2 id="payment-title">{t("settings.payment")}</h2>
      <p className="muted">{online ? t("settings.onlineOn") : t("settings.onlineOff")}</p>
      <IntentForm intent="payment" label={t("settings.savePayment")}>
        <Field id="bankAccountName" label={t("pay.accountName")}>
          <input id="bankAccountName" name="bankAccountName" defaultValue={payment.bankAccountName ?? ""} maxLength={120} />
        </Field>
        <Field id="bankName" label={t("pay.bankName")}>
          <input id="bankName" name="bankName" defaultValue={payment.bankName ?? ""} maxLength={120} />
        </Field>
        <Field id="bankAccountNumber" label={t("pay.accountNumber")}>
          <input id="bankAccountNumber" name="bankAccountNumber" defaultValue={payment.bankAccountNumber ?? ""} maxLength={40} />
        </Field>
        <Field id="approvalThreshold" label={t("settings.threshold")} hint={t("settings.thresholdHint", { amount: formatFen(payment.approvalThresholdFen, locale) })}>
          <input id="approvalThreshold" name="approvalThreshold" inputMode="decimal" defaultValue={(payment.approvalThresholdFen / 100).toFixed(2)} aria-describedby="approvalThreshold-hint" />
        </Field>
        <div className="field checkbox">
          <input id="offlineOnly" name="offlineOnly" type="checkbox" defaultChecked={payment.offlineOnly} />
          <label htmlFor="offlineOnly">{t("settings.offlineOnly")}</label>
        </div>
      </IntentForm>
    </section>
  );
}
