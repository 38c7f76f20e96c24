// The expected-handler table is refreshed once a write to an item, a unit or a department has
// committed: for one item where the write names one, else in full; during an import, once writes go quiet.
import { getService } from '../../get-service';
import { ITEM } from '../../uids';
import type { Projector } from '../projectors';

export const expectedHandlers: Projector<void> = {
  name: 'expected-handlers',

  async afterCommit(strapi, intent, written) {
    const service = getService(strapi, 'expected-handlers');
    if (intent.trusted) {
      service.scheduleQuietly();
      return;
    }
    const code = written.result?.code ?? written.entries[0]?.code;
    const itemCode = intent.type.uid === ITEM && typeof code === 'string' ? code : null;
    service.schedule(itemCode ? { itemCode } : { full: true });
  },
};
