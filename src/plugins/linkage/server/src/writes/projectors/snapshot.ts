// Any write to what the public API shows: forget the published snapshot now, and again once the
// write has committed (a reader in between may have read it again from the old rows).
import { getService } from '../../get-service';
import type { Projector } from '../projectors';

export const snapshot: Projector<void> = {
  name: 'snapshot',
  async inTransaction(strapi) {
    getService(strapi, 'published').invalidate();
  },
  async afterCommit(strapi) {
    getService(strapi, 'published').invalidate();
  },
};
