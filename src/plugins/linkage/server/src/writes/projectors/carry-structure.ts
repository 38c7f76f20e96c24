// Structure is edited once (domain/locale-structure.ts): a save of one locale's item or guide
// carries its lists' structure into the other locales' drafts, which keep their texts. Each carried
// locale is a Document Service update of its own (guarded, checked and audited like any other),
// inside the write's transaction. (A new locale takes the structure as it is written: writes/normalise.ts.)
import { carryStructure as carried, structureOf } from '../../domain/locale-structure';
import { singleLocale } from '../../domain/write-intent';
import { getService } from '../../get-service';
import { ITEM } from '../../uids';
import { withCarriedWrites } from '../carried';
import type { Projector } from '../projectors';
import { STRUCTURE_LISTS, structurePopulate } from '../structure';

type Row = Record<string, unknown> & { id: number; locale: string };

interface Drafts {
  readonly locale: string;
  readonly before: Row | null;
  readonly others: readonly Row[];
}

export const carryStructure: Projector<Drafts | null> = {
  name: 'carry-structure',

  async before(strapi, intent) {
    const shapes = STRUCTURE_LISTS[intent.type.uid];
    if (!shapes || !intent.documentId || !intent.data || !shapes.some((s) => s.field in intent.data!)) return null;
    const locale = singleLocale(intent) ?? (await getService(strapi, 'locales').defaultLocale());
    const drafts = (await strapi.db
      .query(intent.type.uid as typeof ITEM)
      .findMany({ where: { documentId: intent.documentId, publishedAt: null }, populate: structurePopulate(shapes) })) as Row[];
    return { locale, before: drafts.find((r) => r.locale === locale) ?? null, others: drafts.filter((r) => r.locale !== locale) };
  },

  async inTransaction(strapi, intent, _written, drafts) {
    const shapes = STRUCTURE_LISTS[intent.type.uid];
    if (!shapes || !drafts?.before || drafts.others.length === 0 || !intent.documentId) return;
    const uid = intent.type.uid as typeof ITEM;
    const after = (await strapi.db.query(uid).findOne({ where: { id: drafts.before.id }, populate: structurePopulate(shapes) })) as Row | null;
    if (!after) return;
    const wanted = JSON.stringify(structureOf(shapes, after));
    const documentId = intent.documentId;
    await withCarriedWrites(async () => {
      for (const other of drafts.others) {
        if (JSON.stringify(structureOf(shapes, other)) === wanted) continue;
        const data = carried(shapes, drafts.before!, after, other);
        await strapi.documents(uid).update({ documentId, locale: other.locale, data: data as never });
      }
    });
  },
};
