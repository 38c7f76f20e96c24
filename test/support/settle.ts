// Strapi emits entry events after a transaction commits, without awaiting them; each reads the
// entry back. Destroying Strapi before they finish aborts their queries, so wait for a quiet pool.
import type { Core } from '@strapi/strapi';

interface Pool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export async function settle(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db.connection as unknown as { client: { pool?: Pool } }).client.pool;
  if (!pool) return;
  let quietTicks = 0;
  for (let i = 0; i < 600 && quietTicks < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const busy = pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates();
    quietTicks = busy === 0 ? quietTicks + 1 : 0;
  }
}
