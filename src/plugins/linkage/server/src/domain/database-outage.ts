// A database outage, as the server answers it: which errors mean "the database cannot be reached
// now" (a restart, a cut connection, a full or unreachable pool) rather than a bad query; which
// requests still go ahead while it is known to be down (the public reads that memory may answer);
// what the refusal says; and what the readiness route reports.
import type { AdminLanguage, AdminText } from './admin-language';

/**
 * SQLSTATE classes and codes that mean the server cannot take the query now, whatever it was:
 * class 08 (connection exception), 57P01 admin_shutdown (a restart terminates every session),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down), 53300
 * too_many_connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SQLSTATE_CLASSES = ['08'];

/** Socket errors on the way to the server. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * What node-postgres and knex say when a connection is gone or none can be had: pg's messages for a
 * socket closed under it or a connect that timed out, knex's for a pool that gave no connection in
 * time. Knex puts the query before pg's message (`select ... - Connection terminated unexpectedly`).
 */
const UNAVAILABLE_MESSAGES = [
  /(^| - )Connection terminated/,
  /(^| - )Client has encountered a connection error and is not queryable$/,
  /(^| - )Client was closed and is not queryable$/,
  /(^| - )timeout expired$/,
  /^Knex: Timeout acquiring a connection/,
];

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  /** AggregateError: a connect to every address of a host name failed. */
  readonly errors?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike | null => (typeof value === 'object' && value !== null ? (value as ErrorLike) : null);

function unavailableItself(error: ErrorLike): boolean {
  if (error.name === 'KnexTimeoutError') return true;
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Whether an error says the database cannot be reached now (so the request may succeed later), as
 * opposed to a query it refused. Follows `cause` and an AggregateError's `errors`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  const e = asErrorLike(error);
  if (!e || depth > 5) return false;
  if (unavailableItself(e)) return true;
  if (isDatabaseUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Strapi's errors that answer a request as such (401, 403, 404, 413, 429, 501): never a failed query in disguise. */
const ANSWERS = new Set(['UnauthorizedError', 'ForbiddenError', 'PolicyError', 'NotFoundError', 'PayloadTooLargeError', 'RateLimitError', 'NotImplementedError']);

/**
 * Whether an error may stand for a failed query that some code caught and answered with an error
 * of its own (Strapi's i18n answers any failure to read the locales with a 400 "This locale
 * doesn't exist"): any error but those that answer the request as such.
 */
export function mayHideOutage(error: unknown): boolean {
  const e = asErrorLike(error);
  return !(e && typeof e.name === 'string' && ANSWERS.has(e.name));
}

/** Seconds a client is told to wait before trying again (the health probe looks twice a second). */
export const RETRY_AFTER_SECONDS = 2;

/** How often the database is probed while it is down. */
export const PROBE_EVERY_MS = 500;

/** How long the readiness route and a probe wait for `SELECT 1`. */
export const PROBE_TIMEOUT_MS = 1000;

/**
 * While the database is known to be down, the requests that still go ahead: the probes, and the
 * public reads (the JSON API and the site pages), which the published snapshot and the rendered
 * answers in memory may serve; one that needs the database fails at once and is refused then.
 * Every other request (the admin, writes, logins) is refused before it runs.
 */
export function goesAheadDuringOutage(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path === '/_health' || path === '/_ready' || /^\/api\/linkage(\/|$)/.test(path) || /^\/sites(\/|$)/.test(path);
}

// It does not say that nothing was saved: a save whose commit went through just before the
// connection dropped is stored whole (never in part), and reloading shows it.
export const UNAVAILABLE_MESSAGE: AdminText = {
  en: 'The database cannot be reached at the moment, so this request could not be completed. Please try again in a few seconds; if you were saving, reload the page first: a save made just as the database went away may already be stored.',
  'zh-Hans': '暂时无法连接数据库，本次请求未能完成。请稍候几秒再试；如果您正在保存，请先重新加载页面：在数据库断开的瞬间提交的保存可能已经保存成功。',
};

/** The body of a refused API request, in the shape of Strapi's errors; both texts in the details. */
export function unavailableBody(language: AdminLanguage): {
  data: null;
  error: { status: 503; name: 'ServiceUnavailableError'; message: string; details: { reason: 'database-unavailable'; retryAfterSeconds: number; messages: AdminText } };
} {
  return {
    data: null,
    error: {
      status: 503,
      name: 'ServiceUnavailableError',
      message: UNAVAILABLE_MESSAGE[language],
      details: { reason: 'database-unavailable', retryAfterSeconds: RETRY_AFTER_SECONDS, messages: UNAVAILABLE_MESSAGE },
    },
  };
}

/** What one look at the database found. */
export type DatabaseLook =
  | { readonly status: 'up'; readonly latencyMs: number }
  | { readonly status: 'down'; readonly reason: 'unreachable' | 'timeout' | 'error'; readonly since: string | null };

/** What one look at the published snapshot found. */
export type SnapshotLook =
  | { readonly status: 'loaded'; readonly generation: number; readonly builtAt: string; readonly ageSeconds: number }
  | { readonly status: 'unavailable'; readonly reason: 'database' | 'timeout' | 'error' };

export interface Readiness {
  readonly status: 200 | 503;
  readonly body: {
    readonly ready: boolean;
    readonly checkedAt: string;
    readonly database: DatabaseLook & { readonly client: string };
    readonly snapshot: SnapshotLook;
  };
}

/**
 * Ready when the database answers and the published snapshot is in memory: the instance can serve
 * every request. Not when the database is down, even though memory may still answer some public
 * reads: a load balancer should send readers to an instance that can serve all of them. The body
 * names no host, user, database or error text.
 */
export function readiness(client: string, database: DatabaseLook, snapshot: SnapshotLook, now: Date): Readiness {
  const ready = database.status === 'up' && snapshot.status === 'loaded';
  return { status: ready ? 200 : 503, body: { ready, checkedAt: now.toISOString(), database: { ...database, client }, snapshot } };
}
