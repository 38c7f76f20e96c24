// What a page template is given: the view's fields at the top, the answers, the page's words (`t`)
// and `page`: its language, title, stylesheet, and a link to the same page in every locale.
import { pageData, type PageFrame } from '../../src/plugins/linkage/server/src/domain/page-data';
import { SITE_STRINGS } from '../../src/plugins/linkage/server/src/domain/site-strings';
import { DEMO_LOCALES } from './demo-fixtures';
import { JIAOZHOU, RETIREMENT_SLUG } from './navigator-fixtures';

const ITEM_URL = `/sites/${JIAOZHOU}/items/${RETIREMENT_SLUG}`;
const frameOf = (overrides: Partial<PageFrame> = {}): PageFrame => ({
  title: '企业职工退休认证',
  locale: 'zh-Hans',
  locales: [...DEMO_LOCALES],
  url: ITEM_URL,
  stylesheet: '/sites/assets/site.css?v=0123456789ab',
  ...overrides,
});

interface Page {
  lang: string;
  locale: string;
  title: string;
  stylesheet: string;
  languages: Array<{ code: string; label: string; url: string; current: boolean }>;
}
const pageOf = (data: Record<string, unknown>) => data.page as Page;

describe('pageData', () => {
  it("puts the view's fields at the top level, as they are", () => {
    const site = { siteName: '胶州市网上办事' };
    const items = [{ code: 'QD-SI-001' }];
    const data = pageData(frameOf(), { site, isCity: false, items });
    expect(data.site).toBe(site);
    expect(data.items).toBe(items);
    expect(data.isCity).toBe(false);
  });

  it('gives the answers it is handed, and no answers ({}) by default', () => {
    const answers = { retirement_type: 'normal', has_military_service: true };
    expect(pageData(frameOf(), {}, answers).answers).toBe(answers);
    expect(pageData(frameOf(), {}).answers).toEqual({});
  });

  it("gives the page's words in its locale as `t`", () => {
    expect(pageData(frameOf(), {}).t).toBe(SITE_STRINGS['zh-Hans']);
    expect(pageData(frameOf({ locale: 'en' }), {}).t).toBe(SITE_STRINGS.en);
  });

  it('gives English words for a locale it has no words for', () => {
    expect(pageData(frameOf({ locale: 'fr', locales: ['fr'] }), {}).t).toBe(SITE_STRINGS.en);
  });

  it("says the page's language, locale, title and stylesheet", () => {
    const page = pageOf(pageData(frameOf({ locale: 'en', title: 'Retirement certification for enterprise employees' }), {}));
    expect(page).toMatchObject({
      lang: 'en',
      locale: 'en',
      title: 'Retirement certification for enterprise employees',
      stylesheet: '/sites/assets/site.css?v=0123456789ab',
    });
  });

  it('links the same page in every locale, in the order of the locales, labelled in its own language', () => {
    expect(pageOf(pageData(frameOf(), {})).languages).toEqual([
      { code: 'zh-Hans', label: '中文', url: `${ITEM_URL}?locale=zh-Hans`, current: true },
      { code: 'en', label: 'English', url: `${ITEM_URL}?locale=en`, current: false },
    ]);
  });

  it('marks the current locale only', () => {
    const languages = pageOf(pageData(frameOf({ locale: 'en' }), {})).languages;
    expect(languages.map((l) => [l.code, l.current])).toEqual([
      ['zh-Hans', false],
      ['en', true],
    ]);
  });

  it('adds the locale with & to a URL that already has a query (a route page with its answers)', () => {
    const url = `${ITEM_URL}/route?answers[retirement_type]=normal&answers[enterprise_location]=${JIAOZHOU}`;
    expect(pageOf(pageData(frameOf({ url }), {})).languages.map((l) => l.url)).toEqual([`${url}&locale=zh-Hans`, `${url}&locale=en`]);
  });

  it('labels a locale it has no name for with its code', () => {
    const languages = pageOf(pageData(frameOf({ locales: ['zh-Hans', 'en', 'bo'] }), {})).languages;
    expect(languages.map((l) => l.label)).toEqual(['中文', 'English', 'bo']);
  });

  it("keeps answers, t and page its own: a view's fields of those names do not replace them", () => {
    const data = pageData(frameOf(), { page: 'view page', t: 'view words', answers: 'view answers', title: 'kept' }, { a: 1 });
    expect(data.answers).toEqual({ a: 1 });
    expect(data.t).toBe(SITE_STRINGS['zh-Hans']);
    expect(pageOf(data).title).toBe('企业职工退休认证');
    expect(data.title).toBe('kept');
  });

  it('does not change the view it is given', () => {
    const view = { site: { siteName: '胶州市网上办事' } };
    pageData(frameOf(), view, { a: 1 });
    expect(view).toEqual({ site: { siteName: '胶州市网上办事' } });
  });
});
