// Plugin configuration (config/plugins.ts → linkage.config).
import { auditKeyProblem } from './domain/audit-chain';
import { webUrlProblem } from './domain/web-urls';

export interface LinkageConfig {
  /** Content locales to create when missing, the default one first; the plugin's roles name them all. */
  locales: string[];
  /** Bytes of rendered public answers kept in memory. */
  cacheBytes: number;
  /** The secret that signs the audit trail (LINKAGE_AUDIT_KEY), kept outside the database. */
  auditKey: string;
  /** Keys that signed older entries, kept to verify them after a rotation (LINKAGE_AUDIT_PREVIOUS_KEYS). */
  auditPreviousKeys: string[];
  /** Wall-clock milliseconds one page may take to render, in a worker thread (LINKAGE_RENDER_BUDGET_MS). */
  renderBudgetMs: number;
  /** Render threads; 0: one fewer than the cores, one or two. */
  renderThreads: number;
  /** Signs preview links (HMAC-SHA256); when unset, a secret derived from the app's keys. */
  previewSecret?: string;
  /** How long a preview link shows its draft. */
  previewTtlSeconds: number;
  /** The city's clock (an IANA time zone), for times said in messages (LINKAGE_TIME_ZONE). */
  timeZone: string;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before the exit (LINKAGE_SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  /** Seconds a shared cache (nginx) may serve public pages and views without asking (LINKAGE_SHARED_MAX_AGE). */
  sharedMaxAge: number;
  /** Seconds a shared cache may serve them stale while it revalidates (LINKAGE_STALE_WHILE_REVALIDATE). */
  staleWhileRevalidate: number;
  /** On Postgres, whether other instances' changes are listened for (LINKAGE_CLUSTER_NOTIFY); off: the change feed is looked at once a second. */
  clusterNotify: boolean;
  /** Where the public pages are (LINKAGE_BASE_URL): absolute links in linked data, and the stem of every exported IRI. */
  baseUrl: string;
}

export default {
  default: {
    locales: [],
    cacheBytes: 32 * 1024 * 1024,
    auditKey: '',
    auditPreviousKeys: [],
    renderBudgetMs: 1000,
    renderThreads: 0,
    previewTtlSeconds: 600,
    timeZone: 'Asia/Shanghai',
    // Under the 30 s an orchestrator (Kubernetes, systemd) commonly waits before SIGKILL, leaving time to stop.
    shutdownGraceMs: 25_000,
    // 0: a shared cache revalidates every request (a 304 when nothing changed), so a publish shows on the next one.
    sharedMaxAge: 0,
    staleWhileRevalidate: 0,
    clusterNotify: true,
    baseUrl: 'http://localhost:1337',
  } satisfies LinkageConfig,
  validator(config: Partial<LinkageConfig>) {
    if (config.locales !== undefined && (!Array.isArray(config.locales) || config.locales.some((l) => typeof l !== 'string' || l === ''))) {
      throw new Error('linkage: config.locales must be a list of locale codes such as ["zh-Hans", "en"]');
    }
    if (config.cacheBytes !== undefined && (!Number.isInteger(config.cacheBytes) || config.cacheBytes < 1)) {
      throw new Error('linkage: config.cacheBytes must be a whole number of bytes ≥ 1');
    }
    if (config.renderBudgetMs !== undefined && (!Number.isInteger(config.renderBudgetMs) || config.renderBudgetMs < 50 || config.renderBudgetMs > 60_000)) {
      throw new Error('linkage: config.renderBudgetMs (LINKAGE_RENDER_BUDGET_MS) must be a whole number of milliseconds from 50 to 60000');
    }
    if (config.renderThreads !== undefined && (!Number.isInteger(config.renderThreads) || config.renderThreads < 0 || config.renderThreads > 16)) {
      throw new Error('linkage: config.renderThreads (LINKAGE_RENDER_THREADS) must be a whole number from 0 to 16');
    }
    for (const name of ['sharedMaxAge', 'staleWhileRevalidate'] as const) {
      const value = config[name];
      if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 31_536_000)) {
        throw new Error(`linkage: config.${name} must be a whole number of seconds from 0 to 31536000, got ${JSON.stringify(value)}`);
      }
    }
    // Fail at boot: an unsigned trail would let anyone who can write the database rewrite it.
    const keyProblem = auditKeyProblem(config.auditKey);
    if (keyProblem) throw new Error(`linkage: LINKAGE_AUDIT_KEY (config.auditKey) ${keyProblem}`);
    for (const [i, previous] of (config.auditPreviousKeys ?? []).entries()) {
      const problem = auditKeyProblem(previous);
      if (problem) throw new Error(`linkage: LINKAGE_AUDIT_PREVIOUS_KEYS, key ${i + 1}, ${problem}`);
    }
    // A short secret could be guessed, and every preview link with it.
    if (config.previewSecret !== undefined && config.previewSecret !== '' && (typeof config.previewSecret !== 'string' || config.previewSecret.length < 16)) {
      throw new Error('linkage: config.previewSecret (LINKAGE_PREVIEW_SECRET) must be at least 16 characters');
    }
    if (config.timeZone !== undefined && !isTimeZone(config.timeZone)) {
      throw new Error(`linkage: config.timeZone (LINKAGE_TIME_ZONE) must be an IANA time zone such as Asia/Shanghai, not ${JSON.stringify(config.timeZone)}`);
    }
    if (config.previewTtlSeconds !== undefined && (!Number.isInteger(config.previewTtlSeconds) || config.previewTtlSeconds < 10 || config.previewTtlSeconds > 86400)) {
      throw new Error('linkage: config.previewTtlSeconds must be a whole number of seconds from 10 to 86400');
    }
    if (config.clusterNotify !== undefined && typeof config.clusterNotify !== 'boolean') {
      throw new Error('linkage: config.clusterNotify (LINKAGE_CLUSTER_NOTIFY) must be true or false');
    }
    if (config.baseUrl !== undefined && baseUrlProblem(config.baseUrl)) {
      throw new Error(`linkage: config.baseUrl (LINKAGE_BASE_URL) ${baseUrlProblem(config.baseUrl)}`);
    }
    if (config.shutdownGraceMs !== undefined && (!Number.isInteger(config.shutdownGraceMs) || config.shutdownGraceMs < 0 || config.shutdownGraceMs > 600_000)) {
      throw new Error('linkage: config.shutdownGraceMs (LINKAGE_SHUTDOWN_GRACE_MS) must be a whole number of milliseconds from 0 to 600000');
    }
  },
};

/** Why `value` cannot be the stem of public addresses and IRIs, or null. */
function baseUrlProblem(value: unknown): string | null {
  const reason = webUrlProblem(value);
  if (reason) return reason;
  const url = new URL(String(value));
  if (url.search !== '' || url.hash !== '') return `must have no query or fragment, got ${JSON.stringify(value)}`;
  return null;
}

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
