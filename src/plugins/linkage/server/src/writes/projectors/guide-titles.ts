// Guide titles (item · stage · unit) are rewritten when an item or a unit is renamed; a guide's own
// title is set as it is written (writes/normalise.ts).
import { getService } from '../../get-service';
import { ITEM } from '../../uids';
import type { Projector } from '../projectors';

export const guideTitles: Projector<string | null> = {
  name: 'guide-titles',

  async before(strapi, intent) {
    if (!intent.documentId) return null;
    const row = (await strapi.db.query(intent.type.uid as typeof ITEM).findOne({ where: { documentId: intent.documentId }, select: ['code'] })) as { code?: string } | null;
    return row?.code ?? null;
  },

  async inTransaction(strapi, intent, _written, storedCode) {
    const code = typeof intent.data?.code === 'string' ? intent.data.code : storedCode;
    if (!code) return;
    await getService(strapi, 'guide-titles').refresh(intent.type.uid === ITEM ? { itemCodes: [code] } : { unitCodes: [code] });
  },
};
