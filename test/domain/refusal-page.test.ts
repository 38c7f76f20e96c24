// The page a reader gets when a site page cannot be shown: in their language, in the sites' look,
// saying what happened in words (never a code) and linking back to where they can go on.
import { refusalPage, type RefusalContext, type SiteRefusal } from '../../src/plugins/linkage/server/src/domain/refusal-page';
import { BADAGUAN_STREET, CITY, JIAOZHOU, RETIREMENT, RETIREMENT_SLUG, TAIPINGJIAO, linksOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const contextOf = (locale: string): RefusalContext => ({
  units: nav.lookup.units,
  items: new Map(nav.catalog.items.map((i) => [i.code, i])),
  locale,
  links: linksOf(nav, 'local', ''),
  stylesheet: '/sites/assets/site.css?v=abc',
});
const page = (refusal: SiteRefusal, locale = 'zh-Hans') => refusalPage(refusal, contextOf(locale));
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('refusalPage', () => {
  it('answers to give again: 400, the sentences listed, back to the questions and to the site', () => {
    const { status, html } = page({ kind: 'bad-answers', unitCode: CITY, itemCode: RETIREMENT, problems: ['「退休类型」的答案不在可选范围内，请重新选择。'] });
    expect(status).toBe(400);
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-Hans">/);
    expect(html).toContain('<link rel="stylesheet" href="/sites/assets/site.css?v=abc">');
    expect(html).toContain('<li>「退休类型」的答案不在可选范围内，请重新选择。</li>');
    expect(text(html)).toContain('有些选择需要重新填写');
    expect(hrefs(html)).toEqual([`/sites/${CITY}?locale=zh-Hans`, `/sites/${CITY}/items/${RETIREMENT_SLUG}?locale=zh-Hans`, `/sites/${CITY}?locale=zh-Hans`]);
  });

  it("an item the unit does not handle: 404 naming both, linking to the city's page of the item, the unit's site and the city's", () => {
    const { status, html } = page({ kind: 'not-handled', unitCode: BADAGUAN_STREET, itemCode: RETIREMENT }, 'en');
    expect(status).toBe(404);
    expect(text(html)).toContain('Badaguan Subdistrict handles no stage of "Retirement certification for enterprise employees".');
    expect(hrefs(html)).toEqual([
      `/sites/${BADAGUAN_STREET}?locale=en`,
      `/sites/${CITY}/items/${RETIREMENT_SLUG}?locale=en`,
      `/sites/${BADAGUAN_STREET}?locale=en`,
      `/sites/${CITY}?locale=en`,
    ]);
    expect(text(html)).toContain('Go to Badaguan Subdistrict Online services');
  });

  it("an unknown unit or page: 404 in the first city's look, linking to its home", () => {
    for (const refusal of [{ kind: 'unknown-unit' } as const, { kind: 'unknown-page' } as const]) {
      const { status, html } = page(refusal);
      expect(status).toBe(404);
      expect(text(html)).toContain('青岛市网上办事');
      expect(hrefs(html)).toEqual([`/sites/${CITY}?locale=zh-Hans`, `/sites/${CITY}?locale=zh-Hans`]);
    }
  });

  it("an unknown item on a community's site: its own home and the city's", () => {
    const { html } = page({ kind: 'unknown-item', unitCode: TAIPINGJIAO });
    expect(text(html)).toContain('本网站没有这项办事服务。');
    expect(hrefs(html).slice(1)).toEqual([`/sites/${TAIPINGJIAO}?locale=zh-Hans`, `/sites/${CITY}?locale=zh-Hans`]);
  });

  it('a failure: 503 (may work later), said without detail', () => {
    const { status, html } = page({ kind: 'unavailable', unitCode: JIAOZHOU }, 'en');
    expect(status).toBe(503);
    expect(text(html)).toContain('This page cannot be shown at the moment; please try again later.');
  });

  it('preview links: expired and forged are 403s, a vanished document a 404, and none links on', () => {
    expect(page({ kind: 'preview-expired' }).status).toBe(403);
    expect(page({ kind: 'preview-invalid' }).status).toBe(403);
    expect(page({ kind: 'preview-gone' }).status).toBe(404);
    expect(text(page({ kind: 'preview-expired' }).html)).toContain('此预览链接已过期');
    expect(hrefs(page({ kind: 'preview-invalid' }, 'en').html)).toEqual([`/sites/${CITY}?locale=en`]);
  });

  it('a draft that will not appear says why', () => {
    const { status, html } = page({ kind: 'preview-not-shown', reason: 'not-handled', unitCode: BADAGUAN_STREET });
    expect(status).toBe(200);
    expect(text(html)).toContain('八大关街道不承办此事项的这一环节。');
  });

  it('escapes what it is given', () => {
    const { html } = page({ kind: 'bad-answers', unitCode: CITY, itemCode: RETIREMENT, problems: ['<script>alert(1)</script>'] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
