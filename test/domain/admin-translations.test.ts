// Every text the plugin's admin shows exists in zh-Hans and en: each id it asks for is in both
// catalogues, and the catalogues hold the same ids.
import fs from 'node:fs';
import path from 'node:path';

const ADMIN = path.resolve(__dirname, '../../src/plugins/linkage/admin/src');
const catalogue = (language: string) => JSON.parse(fs.readFileSync(path.join(ADMIN, 'translations', `${language}.json`), 'utf8')) as Record<string, string>;

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));

/** Ids asked for with a literal: getTranslation('x'), t('x', …), `${PLUGIN_ID}.x`. */
function literalIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of sources(ADMIN)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of [/getTranslation\('([a-zA-Z0-9_.-]+)'\)/g, /\bt\('([a-zA-Z0-9_.-]+)',/g, /\$\{PLUGIN_ID\}\.([a-zA-Z0-9_.-]+)`/g]) {
      for (const match of text.matchAll(pattern)) ids.set(match[1], path.relative(ADMIN, file));
    }
  }
  return ids;
}

describe('the admin speaks zh-Hans and en', () => {
  const en = catalogue('en');
  const zh = catalogue('zh-Hans');

  it('has the same ids in both catalogues', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has every id the admin asks for', () => {
    const missing = [...literalIds()].filter(([id]) => !(id in en) || !(id in zh)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
  });

  it('writes the Chinese catalogue in Chinese', () => {
    const untranslated = Object.entries(zh).filter(([id, text]) => text.trim() === '' || (!/[\u4e00-\u9fff]/.test(text) && text === en[id] && /[a-z]{3}/i.test(text)));
    expect(untranslated).toEqual([]);
  });

  it('fills in Strapi’s own missing Chinese under the ids the admin uses', () => {
    const app = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/admin/translations/zh-Hans.json'), 'utf8')) as Record<string, string>;
    expect(app['content-manager.success.record.save']).toBe('已保存');
    expect(app['content-manager.plugin.name']).toBe('内容管理');
    expect(Object.entries(app).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});
