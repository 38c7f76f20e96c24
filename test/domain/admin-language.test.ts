import { adminLanguage, asAdminLanguage, inLanguage } from '../../src/plugins/linkage/server/src/domain/admin-language';

describe('adminLanguage: the language an admin reads messages in', () => {
  it('takes the interface language chosen in the profile first', () => {
    expect(adminLanguage('zh-Hans', 'en-US,en;q=0.9')).toBe('zh-Hans');
    expect(adminLanguage('en', 'zh-CN,zh;q=0.9')).toBe('en');
  });

  it('reads any Chinese tag as simplified Chinese', () => {
    expect(asAdminLanguage('zh')).toBe('zh-Hans');
    expect(asAdminLanguage('zh-CN')).toBe('zh-Hans');
    expect(asAdminLanguage('ZH-hant-TW')).toBe('zh-Hans');
    expect(asAdminLanguage('fr')).toBeNull();
  });

  it('falls back to the browser, then English', () => {
    expect(adminLanguage(null, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-Hans');
    expect(adminLanguage(undefined, 'fr-FR,en;q=0.5')).toBe('en');
    expect(adminLanguage('fr', undefined)).toBe('en');
    expect(adminLanguage(undefined, undefined)).toBe('en');
  });

  it('picks the text in that language', () => {
    expect(inLanguage({ en: 'Phone', 'zh-Hans': '电话' }, 'zh-Hans')).toBe('电话');
  });
});
