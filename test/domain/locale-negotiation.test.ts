// Which locale a site page is shown in: `?locale=` when it names a locale of the catalog, else the
// best match of Accept-Language (by q-value; zh, zh-CN… → zh-Hans), else the default (the first).
// `variesWithHeader` says whether the response depends on Accept-Language: always, unless ?locale= decided.
import { negotiateLocale } from '../../src/plugins/linkage/server/src/domain/locale-negotiation';
import { DEMO_LOCALES } from './demo-fixtures';

const LOCALES = [...DEMO_LOCALES];

describe('negotiateLocale: ?locale= first', () => {
  it('takes ?locale= when it names a locale, over an Accept-Language that prefers the other one', () => {
    expect(negotiateLocale('en', 'zh-CN,zh;q=0.9', LOCALES)).toEqual({ locale: 'en', variesWithHeader: false });
    expect(negotiateLocale('zh-Hans', 'en-US,en;q=0.9', LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: false });
  });

  it('takes ?locale= with no Accept-Language at all', () => {
    expect(negotiateLocale('en', undefined, LOCALES)).toEqual({ locale: 'en', variesWithHeader: false });
  });

  it('ignores a ?locale= that names no locale of the catalog, and lets the header decide', () => {
    expect(negotiateLocale('fr', 'en-US', LOCALES)).toEqual({ locale: 'en', variesWithHeader: true });
    expect(negotiateLocale('', 'en', LOCALES)).toEqual({ locale: 'en', variesWithHeader: true });
  });

  it('ignores a ?locale= that is not a string (repeated or bracketed query parameters)', () => {
    expect(negotiateLocale(['en'], 'zh-CN', LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
    expect(negotiateLocale({ en: '' }, undefined, LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
  });

  it('matches ?locale= as a whole tag (in any case): a language alone is not a locale', () => {
    expect(negotiateLocale('EN', undefined, LOCALES).locale).toBe('en');
    expect(negotiateLocale('zh', undefined, LOCALES).locale).toBe('zh-Hans');
    expect(negotiateLocale('zh', 'en', LOCALES)).toEqual({ locale: 'en', variesWithHeader: true });
  });
});

describe('negotiateLocale: Accept-Language', () => {
  it('maps zh, zh-CN, zh-Hans and zh-Hans-CN to zh-Hans', () => {
    for (const header of ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh-cn']) {
      expect({ header, ...negotiateLocale(undefined, header, LOCALES) }).toEqual({ header, locale: 'zh-Hans', variesWithHeader: true });
    }
  });

  it('maps en, en-US and en-GB to en', () => {
    for (const header of ['en', 'en-US', 'en-GB', 'EN-us']) {
      expect({ header, ...negotiateLocale(undefined, header, LOCALES) }).toEqual({ header, locale: 'en', variesWithHeader: true });
    }
  });

  it('matches a tag exactly whatever its case, and answers with the catalog spelling', () => {
    expect(negotiateLocale(undefined, 'ZH-HANS', LOCALES).locale).toBe('zh-Hans');
    expect(negotiateLocale(undefined, 'zh-hans', ['en', 'zh-Hans']).locale).toBe('zh-Hans');
  });

  it('prefers the range with the highest q-value, wherever it stands in the header', () => {
    expect(negotiateLocale(undefined, 'en;q=0.5, zh;q=0.9', LOCALES).locale).toBe('zh-Hans');
    expect(negotiateLocale(undefined, 'zh;q=0.3,en;q=0.7', LOCALES).locale).toBe('en');
    expect(negotiateLocale(undefined, 'zh-CN;q=0.8, en', LOCALES).locale).toBe('en');
  });

  it('reads a q-value with spaces after the semicolon and around the commas', () => {
    expect(negotiateLocale(undefined, 'zh; q=0.2 ,  en;  q=0.6', LOCALES).locale).toBe('en');
  });

  it('matches a tag followed by spaces before its semicolon (RFC 9110: weight = OWS ";" OWS "q=" qvalue)', () => {
    expect(negotiateLocale(undefined, 'en ;q=0.8', LOCALES)).toEqual({ locale: 'en', variesWithHeader: true });
    expect(negotiateLocale(undefined, 'zh-CN ; q=0.9, en;q=0.1', LOCALES).locale).toBe('zh-Hans');
  });

  it('keeps the header order between ranges of the same q-value', () => {
    expect(negotiateLocale(undefined, 'en, zh', LOCALES).locale).toBe('en');
    expect(negotiateLocale(undefined, 'zh, en', LOCALES).locale).toBe('zh-Hans');
    expect(negotiateLocale(undefined, 'en;q=0.5, zh;q=0.5', LOCALES).locale).toBe('en');
  });

  it('skips languages it does not have and takes the next one it has (fr, then en, then zh)', () => {
    expect(negotiateLocale(undefined, 'fr;q=1, en;q=0.7, zh;q=0.3', LOCALES)).toEqual({ locale: 'en', variesWithHeader: true });
    expect(negotiateLocale(undefined, 'de-DE, de;q=0.9, zh-TW;q=0.5', LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
  });

  it('never chooses a language the header refuses with q=0', () => {
    expect(negotiateLocale(undefined, 'en;q=0, zh;q=0.1', LOCALES).locale).toBe('zh-Hans');
    expect(negotiateLocale(undefined, 'zh;q=0, en;q=0.1', LOCALES).locale).toBe('en');
  });

  it('ignores a range whose q-value is not a number', () => {
    expect(negotiateLocale(undefined, 'en;q=abc, zh;q=0.1', LOCALES).locale).toBe('zh-Hans');
  });
});

describe('negotiateLocale: the default', () => {
  it('is the first locale when there is neither ?locale= nor Accept-Language, and the response still varies with the header (its absence chose)', () => {
    expect(negotiateLocale(undefined, undefined, LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
    expect(negotiateLocale(undefined, '', LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
    expect(negotiateLocale(undefined, undefined, ['en', 'zh-Hans'])).toEqual({ locale: 'en', variesWithHeader: true });
  });

  it('is the first locale when the header names only languages it does not have; the response varies with the header', () => {
    expect(negotiateLocale(undefined, 'fr-FR, de;q=0.8', LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
    expect(negotiateLocale(undefined, '*', ['en', 'zh-Hans'])).toEqual({ locale: 'en', variesWithHeader: true });
  });

  it('is the first locale for a header of empty ranges only', () => {
    expect(negotiateLocale(undefined, ' , ,', LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: true });
  });
});

describe('locale tags are case-insensitive', () => {
  it('takes ?locale= in any case as the catalog spells it', () => {
    expect(negotiateLocale('zh-hans', undefined, LOCALES)).toEqual({ locale: 'zh-Hans', variesWithHeader: false });
    expect(negotiateLocale('EN', 'zh-CN', LOCALES)).toEqual({ locale: 'en', variesWithHeader: false });
  });
});
