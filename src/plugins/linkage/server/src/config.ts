// Plugin configuration (config/plugins.ts → linkage.config).

export interface LinkageConfig {
  /** Content locales to create when missing, the default one first; the plugin's roles name them all. */
  locales: string[];
}

export default {
  default: { locales: [] } satisfies LinkageConfig,
  validator(config: Partial<LinkageConfig>) {
    if (config.locales !== undefined && (!Array.isArray(config.locales) || config.locales.some((l) => typeof l !== 'string' || l === ''))) {
      throw new Error('linkage: config.locales must be a list of locale codes such as ["zh-Hans", "en"]');
    }
  },
};
