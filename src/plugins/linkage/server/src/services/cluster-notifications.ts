// Several instances on one Postgres (docs/adr/020-change-notifications.md): every write that adds
// to the change feed sends a NOTIFY in its transaction (services/changes.ts); each instance holds
// one dedicated connection, outside knex's pool, that LISTENs and makes the published snapshot
// forget what it read when another instance's change commits. While that connection is lost, the
// snapshot looks at the feed's head once a second as before (ADR 014), and the connection is made
// again with a growing delay; once it listens again, one look at the head finds what was missed.
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Client, type Notification } from 'pg';
import { CHANGE_CHANNEL, listenSettings, noticePayload, parseNotice, reconnectDelayMs } from '../domain/change-notifications';
import { getService } from '../get-service';

/** `listening`: notified of other instances' changes; `polling`: looking at the feed once a second (SQLite, turned off, or the connection lost). */
export type FollowMode = 'listening' | 'polling';

/**
 * How often the listening connection is asked a `SELECT 1`: a connection whose server vanished
 * without a word (a network cut) is found within this plus the query timeout, not TCP's hours.
 */
const PING_EVERY_MS = 5000;
const QUERY_TIMEOUT_MS = 2000;
const END_WAIT_MS = 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Names this instance's own changes in their notices: its writes already made it forget.
  const self = randomUUID();
  let client: Client | null = null;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;

  const published = () => getService(strapi, 'published');
  const wanted = () => strapi.db.dialect.client === 'postgres' && strapi.config.get<boolean>('plugin::linkage.clusterNotify', true) !== false;

  function scheduleConnect(): void {
    if (stopped || retry) return;
    const delay = reconnectDelayMs(failures);
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    retry.unref();
  }

  /** The connection `lost` was listening: back to looking at the feed, and connecting again. */
  function lose(lost: Client, reason: string): void {
    if (client !== lost) return;
    client = null;
    published().followedByNotifications(false);
    if (stopped) return;
    strapi.log.warn(`[linkage] the change notification connection was lost (${reason}): following other instances by the change feed once a second until it is back`);
    void lost.end().catch(() => undefined);
    scheduleConnect();
  }

  async function connect(): Promise<void> {
    const found = listenSettings(strapi.config.get('database.connection'));
    if ('problem' in found) {
      strapi.log.error(`[linkage] change notifications are off (${found.problem}): following other instances by the change feed once a second`);
      return;
    }
    const next = new Client({ ...found.settings, query_timeout: QUERY_TIMEOUT_MS } as ConstructorParameters<typeof Client>[0]);
    next.on('error', (error: Error) => lose(next, error.message));
    next.on('end', () => lose(next, 'the connection ended'));
    next.on('notification', (message: Notification) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (notice) published().noticeChange(notice, self);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      void next.end().catch(() => undefined);
      if (failures === 0) strapi.log.warn(`[linkage] change notifications could not listen (${(error as Error).message}): trying again, following the change feed meanwhile`);
      scheduleConnect();
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    if (failures > 0) strapi.log.info('[linkage] change notifications listen again');
    failures = 0;
    published().followedByNotifications(true);
    // A change may have committed while nothing listened: one look at the feed's head finds it.
    await published()
      .lookAtFeed()
      .catch(() => undefined);
  }

  return {
    /** The payload of the NOTIFY a write sends for the change numbered `seq` (services/changes.ts). */
    payload: (seq: number): string => noticePayload({ seq, from: self }),

    mode: (): FollowMode => (client ? 'listening' : 'polling'),

    /** Listens when on Postgres (unless LINKAGE_CLUSTER_NOTIFY=false); resolves after the first attempt. */
    async start(): Promise<void> {
      if (!wanted()) return;
      stopped = false;
      await connect();
      ping = setInterval(() => {
        const current = client;
        if (!current) return;
        current.query('SELECT 1').catch((error: Error) => lose(current, error.message));
      }, PING_EVERY_MS);
      ping.unref();
    },

    /** Closes the connection (the plugin's destroy). */
    async stop(): Promise<void> {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      retry = null;
      ping = null;
      const current = client;
      client = null;
      if (current) {
        published().followedByNotifications(false);
        // A server that vanished without a word never confirms the end: the shutdown does not wait for it.
        await Promise.race([current.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, END_WAIT_MS).unref())]);
      }
    },
  };
};
