// Instances on one Postgres tell each other of new changes with LISTEN/NOTIFY (docs/adr/020-change-notifications.md):
// what a notification says, which ones are news, how long to wait before connecting again, and
// which connection settings the listening client takes from Strapi's database configuration.

/** The Postgres channel every instance listens on. */
export const CHANGE_CHANNEL = 'linkage_changes';

/** A committed change: its number in the feed, and the instance whose write made it. */
export interface ChangeNotice {
  readonly seq: number;
  readonly from: string;
}

export const noticePayload = (notice: ChangeNotice): string => `${notice.seq} ${notice.from}`;

/** The notice in a payload; null for anything else (a payload from an older or foreign sender). */
export function parseNotice(payload: string | undefined): ChangeNotice | null {
  const match = /^(\d+) (\S+)$/.exec(payload ?? '');
  if (!match) return null;
  return { seq: Number(match[1]), from: match[2] };
}

/**
 * Whether a notice means forgetting what was read. An instance's own writes already made it forget
 * (after their commit); a change the last build or look already saw is old news.
 */
export function isNews(notice: ChangeNotice, self: string, seen: number | null): boolean {
  return notice.from !== self && (seen === null || notice.seq > seen);
}

/** Milliseconds before the next attempt to connect after `failures` in a row: doubling, 100 ms to 5 s. */
export function reconnectDelayMs(failures: number): number {
  return Math.min(100 * 2 ** Math.max(0, failures), 5000);
}

/** The `pg` client settings of the listening connection. */
export interface ListenSettings {
  readonly connectionString?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly ssl?: unknown;
  readonly connectionTimeoutMillis?: number;
  readonly keepAlive: true;
  readonly application_name: string;
}

/** How the listening connection names itself in pg_stat_activity. */
export const LISTEN_APPLICATION_NAME = 'linkage-listen';

const PASSED_ON = ['connectionString', 'host', 'port', 'database', 'user', 'password', 'ssl', 'connectionTimeoutMillis'] as const;

/**
 * The listening client's settings from Strapi's `database.connection` configuration, or a problem
 * saying what is missing. Only what a `pg` client understands is passed on (not knex's `schema` or
 * pool settings): the channel is the database's, whatever the schema.
 */
export function listenSettings(database: unknown): { settings: ListenSettings } | { problem: string } {
  const config = typeof database === 'object' && database !== null ? (database as Record<string, unknown>) : {};
  if (config.client !== 'postgres') return { problem: `database.connection.client is ${JSON.stringify(config.client)}, not "postgres"` };
  const connection = config.connection;
  if (typeof connection === 'string') return { settings: { connectionString: connection, keepAlive: true, application_name: LISTEN_APPLICATION_NAME } };
  if (typeof connection !== 'object' || connection === null) return { problem: 'database.connection.connection is not an object of connection settings' };
  const given = connection as Record<string, unknown>;
  if (!given.connectionString && !given.host && !given.database) return { problem: 'database.connection.connection names neither a connectionString nor a host or database' };
  const settings: Record<string, unknown> = { keepAlive: true, application_name: LISTEN_APPLICATION_NAME };
  for (const key of PASSED_ON) if (given[key] !== undefined && given[key] !== '') settings[key] = given[key];
  return { settings: settings as unknown as ListenSettings };
}
