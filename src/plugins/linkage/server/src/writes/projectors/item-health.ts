// After a unit or a department changes (outside an import, which checks the whole catalog),
// published items are checked again and what broke is reported.
import { getService } from '../../get-service';
import type { Projector } from '../projectors';

export const itemHealth: Projector<void> = {
  name: 'item-health',
  async afterCommit(strapi, intent, written) {
    const what = intent.type.uid === 'plugin::linkage.unit' ? 'unit' : 'department';
    const code = written.result?.code ?? intent.documentId ?? '';
    await getService(strapi, 'item-health').recheck(`the ${intent.action} of ${what} ${String(code)}`);
  },
};
