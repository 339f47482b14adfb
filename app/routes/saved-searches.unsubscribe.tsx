import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { DomainError } from "../models/errors";
import { findSavedSearchByToken, unsubscribeSavedSearch } from "../models/saved-search.server";
import { readForm } from "../utils/form.server";
import searchStyles from "../styles/search.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta = pageMeta("savedSearchesUnsubscribe");

// Opening the link from the mail changes nothing (mail scanners follow links); the button below does the POST.
// No sign-in: the token in the link is the permission.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const found = token ? await findSavedSearchByToken(context.db, token) : null;
  return json({ token: found ? token : "", name: found?.name ?? null, alertsEnabled: found?.alertsEnabled ?? false });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const token = z.string().min(10).max(100).safeParse(formData.get("token"));
  if (!token.success) return json({ error: "search:errors.unsubscribeInvalid", done: null }, { status: 400 });
  try {
    const { name } = await unsubscribeSavedSearch(context.db, token.data);
    return json({ error: null, done: name });
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.code, done: null }, { status: error.status });
    throw error;
  }
}

export default function UnsubscribeRoute() {
  const { token, name, alertsEnabled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("search");
  const { t: tc } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t("unsubscribe.title")}</h1>
      {result?.error ? <Notice tone="error">{translateError(tc, result.error)}</Notice> : null}
      {result?.done ? (
        <Notice tone="success">{t("unsubscribe.done", { name: result.done })}</Notice>
      ) : !token || !name ? (
        <Notice tone="error">{t("unsubscribe.invalid")}</Notice>
      ) : !alertsEnabled ? (
        <Notice tone="info">{t("unsubscribe.already", { name })}</Notice>
      ) : (
        <Form method="post">
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="token" value={token} />
          <p>{t("unsubscribe.confirm", { name })}</p>
          <button type="submit" className="button">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
