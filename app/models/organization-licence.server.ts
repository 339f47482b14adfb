// The business licence: evidence for verification, uploaded by members and read by members and staff (audited).
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations } from "../../db/schema";
import { assertOrganizationAccess, isMember, isStaff, recordAudit, requireUuid, type Actor } from "./authz.server";
import { CONTROL_CHARS, detectScanKind, readUpload, removeUpload, SCAN_MIME, storeUpload, uploadsDir } from "../utils/upload.server";
import { DomainError, NotFoundError } from "./errors";
import { loadOrganization } from "./organization.server";
import { staffScope } from "./staff-scope.server";

export const MAX_LICENCE_BYTES = 5 * 1024 * 1024;

/**
 * A member uploads the organisation's business licence (PDF, JPEG or PNG, judged by content, ≤ 5 MB). It replaces
 * the previous scan; a verified organisation stays verified (the credit code and name are what verification vouches
 * for), and staff see the new scan beside the request.
 */
export async function storeOrganizationLicence(
  db: Db,
  actor: Actor,
  organizationId: string,
  file: { filename: string; bytes: Uint8Array },
  options: { storageDir?: string; now?: Date } = {},
): Promise<void> {
  requireUuid(organizationId);
  await assertOrganizationAccess(db, actor, organizationId);
  if (file.bytes.byteLength > MAX_LICENCE_BYTES) throw new DomainError("staff:errors.licenceTooLarge", "licence");
  const kind = detectScanKind(file.bytes);
  if (!kind) throw new DomainError("staff:errors.licenceType", "licence");
  const dir = options.storageDir ?? uploadsDir();
  const stored = await storeUpload(file.bytes, kind, dir);
  let previous: string | null = null;
  try {
    await db.transaction(async (tx) => {
      const org = await loadOrganization(tx as unknown as Db, organizationId, true);
      previous = org.licencePath;
      await tx
        .update(organizations)
        .set({
          licencePath: stored.name,
          licenceMime: SCAN_MIME[kind],
          licenceFilename: file.filename.replace(CONTROL_CHARS, "").slice(0, 200) || `licence.${kind}`,
          licenceBytes: file.bytes.byteLength,
          licenceUploadedAt: options.now ?? new Date(),
          updatedAt: new Date(),
        })
        .where(eq(organizations.id, organizationId));
      await recordAudit(tx, actor, "organization.licence.upload", organizationId, { bytes: file.bytes.byteLength, mime: SCAN_MIME[kind] });
    });
  } catch (error) {
    await removeUpload(stored.name, dir);
    throw error;
  }
  if (previous) await removeUpload(previous, dir);
}

/** The licence scan for the organisation's members and staff (staff reads are audited); 404 for everyone else. */
export async function getOrganizationLicence(db: Db, actor: Actor, organizationId: string, options: { storageDir?: string } = {}) {
  requireUuid(organizationId);
  const scope = isStaff(actor) ? await staffScope(db, actor) : undefined;
  if (!scope && !(await isMember(db, actor.id, organizationId))) throw new NotFoundError();
  const org = await loadOrganization(db, organizationId, false, scope);
  if (!org.licencePath) throw new NotFoundError();
  const bytes = await readUpload(org.licencePath, options.storageDir ?? uploadsDir());
  if (isStaff(actor)) await recordAudit(db, actor, "organization.licence.read", organizationId);
  return { bytes, mime: org.licenceMime ?? "application/octet-stream", filename: org.licenceFilename ?? "licence" };
}
