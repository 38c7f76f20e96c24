// Plugin configuration (config/plugins.ts → linkage.config).

export interface LinkageConfig {
  /** Content locales to create when missing, the default one first; the plugin's roles name them all. */
  locales: string[];
  /** Bytes of rendered public answers kept in memory. */
  cacheBytes: number;
}

export default {
  default: { locales: [], cacheBytes: 32 * 1024 * 1024 } satisfies LinkageConfig,
  validator(config: Partial<LinkageConfig>) {
    if (config.locales !== undefined && (!Array.isArray(config.locales) || config.locales.some((l) => typeof l !== 'string' || l === ''))) {
      throw new Error('linkage: config.locales must be a list of locale codes such as ["zh-Hans", "en"]');
    }
    if (config.cacheBytes !== undefined && (!Number.isInteger(config.cacheBytes) || config.cacheBytes < 1)) {
      throw new Error('linkage: config.cacheBytes must be a whole number of bytes ≥ 1');
    }
  },
};
