// The words of the sites' pages in zh-Hans and en (templates read them as `t.<key>`), the guide
// fields' names, and a unit's site's name (胶州市网上办事 / Jiaozhou City Online services).
import { SPEC_FIELDS } from '../../src/plugins/linkage/server/src/domain/guide-spec';
import { SITE_STRINGS, fieldName, siteName, siteStrings } from '../../src/plugins/linkage/server/src/domain/site-strings';

const CJK = /[\u3400-\u9fff]/;
// Punctuation alone (a colon, a list separator) is said in each language's own marks.
const PUNCTUATION_ONLY = /^[\s\u3000-\u303f\uff00-\uffef:;,.、]+$/;

/** Every string of a table as [path, text], nested tables included. */
const leaves = (table: object, prefix = ''): Array<[string, string]> =>
  Object.entries(table).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value as object, `${prefix}${key}.`)));

describe('siteName', () => {
  it("is the unit's name followed by 网上办事 in zh-Hans, with no space", () => {
    expect(siteName('胶州市', 'zh-Hans')).toBe('胶州市网上办事');
    expect(siteName('青岛市', 'zh-Hans')).toBe('青岛市网上办事');
  });

  it('is the unit\'s name, a space and "Online services" in en', () => {
    expect(siteName('Jiaozhou City', 'en')).toBe('Jiaozhou City Online services');
    expect(siteName("Taipingjiao Residents' Committee", 'en')).toBe("Taipingjiao Residents' Committee Online services");
  });

  it('speaks Chinese for any zh locale and English for any other', () => {
    expect(siteName('胶州市', 'zh')).toBe('胶州市网上办事');
    expect(siteName('Jiaozhou City', 'fr')).toBe('Jiaozhou City Online services');
  });
});

describe('siteStrings', () => {
  it('has the zh-Hans words for zh-Hans', () => {
    const t = siteStrings('zh-Hans');
    expect([t.home, t.items, t.materials, t.timeLimit, t.upperLinks, t.backToCity, t.managedBy]).toEqual([
      '首页',
      '办事事项',
      '申报材料',
      '办理时限',
      '上级相关部门',
      '返回市级事项页面',
      '主管部门',
    ]);
    expect([t.colon, t.listSeparator, t.semicolon]).toEqual(['：', '、', '；']);
  });

  it('has the English words for en', () => {
    const t = siteStrings('en');
    expect([t.home, t.items, t.materials, t.timeLimit, t.upperLinks, t.managedBy]).toEqual([
      'Home',
      'Services',
      'Materials to bring',
      'Time limit',
      'Upper-level departments',
      'Responsible department',
    ]);
    expect([t.colon, t.listSeparator, t.semicolon]).toEqual([': ', ', ', '; ']);
  });

  it('falls back to English for a locale it has no words for', () => {
    expect(siteStrings('fr')).toBe(SITE_STRINGS.en);
    expect(siteStrings('')).toBe(SITE_STRINGS.en);
  });

  it('speaks exactly zh-Hans and en', () => {
    expect(Object.keys(SITE_STRINGS).sort()).toEqual(['en', 'zh-Hans']);
  });

  it('has the same keys, nested ones included, in both locales', () => {
    const keys = (locale: string) =>
      leaves(SITE_STRINGS[locale])
        .map(([path]) => path)
        .sort();
    expect(keys('en')).toEqual(keys('zh-Hans'));
    expect(keys('en').length).toBeGreaterThan(50);
  });

  it('names no internal state a citizen should not read (published, incomplete, draft) in either locale, but in the words of a preview, which only editors see', () => {
    const states = Object.entries(SITE_STRINGS).flatMap(([locale, t]) =>
      leaves(t)
        .filter(([path]) => !path.startsWith('preview'))
        .filter(([, text]) => /已发布|信息不完整|草稿|\b(published|incomplete|draft)\b/i.test(text))
        .map(([path]) => `${locale}:${path}`)
    );
    expect(states).toEqual([]);
  });

  it('uses Chinese punctuation in Chinese words (no ASCII comma, colon or semicolon)', () => {
    expect(
      leaves(SITE_STRINGS['zh-Hans'])
        .filter(([, text]) => /[,:;]/.test(text))
        .map(([path]) => path)
    ).toEqual([]);
  });

  it('has no empty word in either locale', () => {
    const empty = Object.entries(SITE_STRINGS).flatMap(([locale, t]) =>
      leaves(t)
        .filter(([, text]) => text.trim() === '')
        .map(([path]) => `${locale}:${path}`)
    );
    expect(empty).toEqual([]);
  });

  it('says every zh-Hans word in Chinese, and no English word in Chinese (nothing left untranslated)', () => {
    expect(
      leaves(SITE_STRINGS['zh-Hans'])
        .filter(([, text]) => !CJK.test(text) && !PUNCTUATION_ONLY.test(text))
        .map(([path]) => path)
    ).toEqual([]);
    expect(
      leaves(SITE_STRINGS.en)
        .filter(([, text]) => CJK.test(text))
        .map(([path]) => path)
    ).toEqual([]);
  });
});

describe('fieldName', () => {
  it("names the guide spec's fields in zh-Hans", () => {
    expect(['conditions', 'materials', 'timeLimit', 'fee', 'address', 'phone', 'hours', 'onlineUrl'].map((f) => fieldName(f, 'zh-Hans'))).toEqual([
      '办理条件',
      '申报材料',
      '办理时限',
      '收费标准',
      '办理地点',
      '咨询电话',
      '办公时间',
      '网上办理',
    ]);
  });

  it("names the guide spec's fields in en", () => {
    expect(['conditions', 'materials', 'timeLimit', 'fee', 'hours'].map((f) => fieldName(f, 'en'))).toEqual([
      'Conditions',
      'Materials to bring',
      'Time limit',
      'Fee',
      'Opening hours',
    ]);
  });

  it('has a name, not the bare key, for every field a guide spec may require, in both locales', () => {
    const unnamed = SPEC_FIELDS.flatMap((field) => ['zh-Hans', 'en'].filter((locale) => fieldName(field, locale) === field).map((locale) => `${locale}:${field}`));
    expect(unnamed).toEqual([]);
  });

  it('says the key itself for a field it has no word for', () => {
    expect(fieldName('blankForms', 'zh-Hans')).toBe('blankForms');
  });

  it('speaks English for a locale it has no words for', () => {
    expect(fieldName('fee', 'fr')).toBe('Fee');
  });
});
