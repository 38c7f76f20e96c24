// Enforcement in depth: in an admin request, every write on a linkage document is checked against
// the user's role and scope, whatever path it comes by (Content Manager create and clone check no
// condition, and update checks only the stored entry, not the new data). Denials are PolicyErrors:
// Strapi's router turns any other ForbiddenError into a bare "Forbidden".
import type { Core } from '@strapi/strapi';
import type { AdminText } from '../domain/admin-language';
import { guideWriteDecision, recordWriteDecision, type UnitLabel } from '../domain/write-access';
import type { WriteIntent } from '../domain/write-intent';
import { GUIDE, UNIT } from '../uids';
import { currentActor } from './actor';
import { enforce } from './refusal';

/** The guard step of the write pipeline (writes/pipeline.ts): returns when the admin may write, throws the 403 otherwise. */
export async function guardWrite(strapi: Core.Strapi, intent: WriteIntent): Promise<void> {
  const actor = await currentActor(strapi);
  if (!actor) return;
  if (intent.type.uid !== GUIDE) {
    enforce(strapi, recordWriteDecision(actor, intent.type.uid));
    return;
  }
  const written = intent.data && typeof intent.data.unitCode === 'string' && intent.action !== 'delete' ? intent.data.unitCode : null;
  const label = await unitLabels(strapi, [intent.ownerBefore, written, ...actor.scope]);
  enforce(strapi, guideWriteDecision(actor, intent.action, intent.ownerBefore, written, label));
}

/**
 * A guide's owner is its draft's unitCode: a city manager's move changes the draft, and the moved
 * guide is the new owner's to publish, unpublish or discard, not the former owner's.
 */
export async function guideOwner(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  const draft = (await strapi.db.query(GUIDE).findOne({ where: { documentId, publishedAt: null }, select: ['unitCode'] })) as { unitCode: string | null } | null;
  if (draft) return draft.unitCode;
  const any = (await strapi.db.query(GUIDE).findOne({ where: { documentId }, select: ['unitCode'] })) as { unitCode: string | null } | null;
  return any?.unitCode ?? null;
}

/** Names units for messages in each language: `市北区 (370203000000)`, `Shibei District (370203000000)`. */
export async function unitLabels(strapi: Core.Strapi, codes: Array<string | null>): Promise<UnitLabel> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  const rows = (await strapi.db.query(UNIT).findMany({ where: { code: { $in: wanted }, locale: { $in: ['zh-Hans', 'en'] } }, select: ['code', 'name', 'locale'] })) as Array<{
    code: string;
    name: string;
    locale: string;
  }>;
  const name = (code: string, locale: string) => rows.find((r) => r.code === code && r.locale === locale)?.name ?? rows.find((r) => r.code === code)?.name;
  const one = (code: string, locale: string) => (name(code, locale) ? `${name(code, locale)} (${code})` : code);
  return (code): AdminText => ({ en: one(code, 'en'), 'zh-Hans': one(code, 'zh-Hans') });
}
