// A veteran's saved job searches and their daily alert settings (the digest mail itself is
// saved-search-digest.server.ts).
import { randomBytes } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { savedSearches } from "../../db/schema";
import { fromSavedQuery, jobSearchHref, toSavedQuery, type JobSearch } from "../../search/query-params";
import { requireUuid } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import type { SessionUser } from "./user.server";

export const MAX_SAVED_SEARCHES = 20;

export interface SavedSearchView {
  id: string;
  name: string;
  search: JobSearch;
  /** The /jobs URL that runs it. */
  href: string;
  alertsEnabled: boolean;
  lastNotifiedAt: string | null;
  createdAt: string;
}

/** Only veterans save searches (alerts are about jobs for them). */
function assertCanSave(user: SessionUser) {
  if (user.role !== "veteran") throw new ForbiddenError("search:errors.veteransOnly");
}

export function newUnsubscribeToken(): string {
  return randomBytes(24).toString("base64url");
}

export async function listSavedSearches(db: Db, user: SessionUser): Promise<SavedSearchView[]> {
  const rows = await db
    .select()
    .from(savedSearches)
    .where(eq(savedSearches.userId, user.id))
    .orderBy(desc(savedSearches.createdAt), desc(savedSearches.id));
  return rows.map((r) => {
    const search = fromSavedQuery(r.query);
    return {
      id: r.id,
      name: r.name,
      search,
      href: jobSearchHref(search),
      alertsEnabled: r.alertsEnabled,
      lastNotifiedAt: r.lastNotifiedAt ? r.lastNotifiedAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function createSavedSearch(db: Db, user: SessionUser, input: { name: string; search: JobSearch }) {
  assertCanSave(user);
  const name = input.name.trim();
  if (name.length === 0) throw new DomainError("errors.required", "name");
  if (name.length > 60) throw new DomainError("errors.tooLong", "name");
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, user.id));
    if (Number(n) >= MAX_SAVED_SEARCHES) throw new DomainError("search:errors.tooMany");
    const [row] = await tx
      .insert(savedSearches)
      .values({ userId: user.id, name, query: toSavedQuery(input.search), alertsEnabled: true, unsubscribeToken: newUnsubscribeToken() })
      .returning();
    return row!;
  });
}

async function ownSearch(db: Db, user: SessionUser, id: string) {
  requireUuid(id);
  const [row] = await db
    .select({ id: savedSearches.id })
    .from(savedSearches)
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, user.id)));
  // someone else's search is "not found", so ids cannot be probed
  if (!row) throw new NotFoundError();
  return row;
}

export async function deleteSavedSearch(db: Db, user: SessionUser, id: string): Promise<void> {
  await ownSearch(db, user, id);
  await db.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, user.id)));
}

export async function setSavedSearchAlerts(db: Db, user: SessionUser, id: string, enabled: boolean): Promise<void> {
  await ownSearch(db, user, id);
  await db
    .update(savedSearches)
    .set({ alertsEnabled: enabled, updatedAt: new Date() })
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, user.id)));
}

/** What the unsubscribe page shows before the person confirms (nothing changes on GET). */
export async function findSavedSearchByToken(db: Db, token: string): Promise<{ name: string; alertsEnabled: boolean } | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select({ name: savedSearches.name, alertsEnabled: savedSearches.alertsEnabled })
    .from(savedSearches)
    .where(eq(savedSearches.unsubscribeToken, token));
  return row ?? null;
}

/** Turn a search's alerts off by the token in its mails; no sign-in needed. Doing it twice is fine. */
export async function unsubscribeSavedSearch(db: Db, token: string): Promise<{ name: string }> {
  if (!token || token.length > 100) throw new NotFoundError("search:errors.unsubscribeInvalid");
  const [row] = await db
    .update(savedSearches)
    .set({ alertsEnabled: false, updatedAt: new Date() })
    .where(eq(savedSearches.unsubscribeToken, token))
    .returning({ name: savedSearches.name });
  if (!row) throw new NotFoundError("search:errors.unsubscribeInvalid");
  return row;
}
