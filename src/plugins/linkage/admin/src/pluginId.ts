export const PLUGIN_ID = 'linkage';

/** `checks.title` → `linkage.checks.title`, the id under which the admin finds the plugin's texts. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
