// Plugin configuration (config/plugins.ts → linkage.config).

export interface LinkageConfig {
  /** Content locales to create when missing, the default one first; the plugin's roles name them all. */
  locales: string[];
  /** Bytes of rendered public answers kept in memory. */
  cacheBytes: number;
  /** Signs preview links (HMAC-SHA256); when unset, a secret derived from the app's keys. */
  previewSecret?: string;
  /** How long a preview link shows its draft. */
  previewTtlSeconds: number;
}

export default {
  default: { locales: [], cacheBytes: 32 * 1024 * 1024, previewTtlSeconds: 600 } satisfies LinkageConfig,
  validator(config: Partial<LinkageConfig>) {
    if (config.locales !== undefined && (!Array.isArray(config.locales) || config.locales.some((l) => typeof l !== 'string' || l === ''))) {
      throw new Error('linkage: config.locales must be a list of locale codes such as ["zh-Hans", "en"]');
    }
    if (config.cacheBytes !== undefined && (!Number.isInteger(config.cacheBytes) || config.cacheBytes < 1)) {
      throw new Error('linkage: config.cacheBytes must be a whole number of bytes ≥ 1');
    }
    // A short secret could be guessed, and every preview link with it.
    if (config.previewSecret !== undefined && config.previewSecret !== '' && (typeof config.previewSecret !== 'string' || config.previewSecret.length < 16)) {
      throw new Error('linkage: config.previewSecret (LINKAGE_PREVIEW_SECRET) must be at least 16 characters');
    }
    if (config.previewTtlSeconds !== undefined && (!Number.isInteger(config.previewTtlSeconds) || config.previewTtlSeconds < 10 || config.previewTtlSeconds > 86400)) {
      throw new Error('linkage: config.previewTtlSeconds must be a whole number of seconds from 10 to 86400');
    }
  },
};
