// What the server writes first in every page's head: the canonical and language links (absolute,
// the route page's answers kept, brackets percent-encoded), the JSON-LD in a script its text cannot
// close, and where: right after the page's <head> (and its <meta charset>). A page template's output
// that does not open with its head, or that carries a canonical link, an hreflang link or a JSON-LD
// script of its own, is refused: no template drops or forges them.
import fc from 'fast-check';
import {
  forgedElement,
  jsonLdScript,
  linkElements,
  mayCarryServerElements,
  pageLinks,
  serverElementsFor,
  serverHeadProblem,
  startTagEnd,
  withServerHead,
} from '../../src/plugins/linkage/server/src/domain/page-head';
import { DEFAULT_TEMPLATES, PAGE_TEMPLATES } from '../../src/plugins/linkage/server/src/site-templates/defaults';
import { fixturePages } from '../../src/plugins/linkage/server/src/site-templates/fixtures';
import { templateEngine } from '../../src/plugins/linkage/server/src/domain/templates';
import { clone } from './demo-fixtures';

const BASE = 'https://zwfw.qingdao.example';
const LOCALES = ['zh-Hans', 'en'];
const ITEM = '/sites/370281000000/items/enterprise-employee-retirement-certification';
const CLOSER = '</script><script>alert(1)</script><!--';

describe('pageLinks', () => {
  it('is the page in its locale (canonical), in every locale, and without a locale (x-default), absolute under the base', () => {
    expect(pageLinks(ITEM, LOCALES, 'en', BASE)).toEqual({
      canonical: `${BASE}${ITEM}?locale=en`,
      alternates: [
        { hreflang: 'zh-Hans', href: `${BASE}${ITEM}?locale=zh-Hans` },
        { hreflang: 'en', href: `${BASE}${ITEM}?locale=en` },
        { hreflang: 'x-default', href: `${BASE}${ITEM}` },
      ],
    });
  });

  it("keeps a route page's answers, brackets percent-encoded, and adds the locale after them", () => {
    const route = `${ITEM}/route?answers%5Bretirement_type%5D=normal&answers%5Benterprise_location%5D=370281000000`;
    const links = pageLinks(route, LOCALES, 'zh-Hans', BASE);
    expect(links.canonical).toBe(`${BASE}${route}&locale=zh-Hans`);
    expect(links.alternates.map((a) => a.href)).toEqual([`${BASE}${route}&locale=zh-Hans`, `${BASE}${route}&locale=en`, `${BASE}${route}`]);
  });

  it('keeps a unit site’s own address (LINKAGE_LINKS=site), normalised', () => {
    expect(pageLinks('https://jiaozhou.qingdao.example', LOCALES, 'zh-Hans', BASE).canonical).toBe('https://jiaozhou.qingdao.example/?locale=zh-Hans');
  });
});

describe('linkElements', () => {
  it('writes the canonical link, then one alternate per locale and x-default, attribute values escaped', () => {
    const route = `${ITEM}/route?answers%5Ba%5D=1&answers%5Bb%5D=2`;
    expect(linkElements(pageLinks(route, LOCALES, 'en', BASE))).toEqual([
      `<link rel="canonical" href="${BASE}${route.replace('&', '&amp;')}&amp;locale=en">`,
      `<link rel="alternate" hreflang="zh-Hans" href="${BASE}${route.replace('&', '&amp;')}&amp;locale=zh-Hans">`,
      `<link rel="alternate" hreflang="en" href="${BASE}${route.replace('&', '&amp;')}&amp;locale=en">`,
      `<link rel="alternate" hreflang="x-default" href="${BASE}${route.replace('&', '&amp;')}">`,
    ]);
  });

  it('cannot be broken out of by an address holding quotes or brackets', () => {
    const [canonical] = linkElements({ canonical: 'https://x.example/"><script>', alternates: [] });
    expect(canonical).toBe('<link rel="canonical" href="https://x.example/&quot;&gt;&lt;script&gt;">');
  });
});

/** The text of the script element. */
const scriptText = (html: string): string => {
  const match = /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(html);
  if (!match) throw new Error(`not one JSON-LD script element: ${html}`);
  return match[1];
};

describe('jsonLdScript', () => {
  const data = { '@context': 'https://schema.org', '@type': 'WebPage', name: '企业职工退休认证' };

  it('is one application/ld+json script element holding the data', () => {
    expect(JSON.parse(scriptText(jsonLdScript(data)))).toEqual(data);
  });

  it('cannot be closed or commented out by a text holding </script> or <!--', () => {
    const html = jsonLdScript({ ...data, name: `退休${CLOSER}`, description: CLOSER });
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    const text = scriptText(html);
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain('\\u003c/script\\u003e');
  });

  it('round-trips every text exactly, the escaped characters included', () => {
    const tricky = { '@type': 'GovernmentService', name: `a<b>&c "d" \\ e ${CLOSER} 退休`, description: '\u2028\u2029 & &amp; \\u003c' };
    const text = scriptText(jsonLdScript(tricky));
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual(tricky);
  });

  it('does not change the data it is given', () => {
    const before = clone(data);
    jsonLdScript(data);
    expect(data).toEqual(before);
  });
});

const PAGE = '<!doctype html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n</head>\n<body><p>x</p></body>\n</html>';
const SERVER = ['<link rel="canonical" href="https://a.example/">', '<script type="application/ld+json">{}</script>'];

describe('withServerHead', () => {
  it('writes the server’s elements right after <head> and its <meta charset>, before anything of the template’s', () => {
    expect(withServerHead(PAGE, SERVER)).toBe(
      `<!doctype html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n${SERVER.join('\n')}\n<title>t</title>\n</head>\n<body><p>x</p></body>\n</html>`
    );
  });

  it('writes them right after <head> when no <meta charset> follows it', () => {
    expect(withServerHead('<html><head data-x="1"><title>t</title></head></html>', SERVER)).toBe(`<html><head data-x="1">\n${SERVER.join('\n')}<title>t</title></head></html>`);
  });

  it('is null for a page that does not open with its head, and the page as it is when there is nothing to write', () => {
    expect(withServerHead('<html><body></body></html>', SERVER)).toBeNull();
    expect(withServerHead(PAGE, [])).toBe(PAGE);
  });
});

describe('serverElementsFor', () => {
  const elements = { always: SERVER, withUnitQuestion: ['<script src="/sites/assets/navigator.js" defer></script>'] };

  it('adds the navigator’s script only to a page that asks a unit question level by level', () => {
    expect(serverElementsFor(PAGE, elements)).toEqual(SERVER);
    const asking = PAGE.replace('<p>x</p>', '<fieldset data-unit-question="where"></fieldset>');
    expect(serverElementsFor(asking, elements)).toEqual([...SERVER, ...elements.withUnitQuestion]);
  });
});

describe('serverHeadProblem', () => {
  test.each([
    ['the shipped layout’s opening', PAGE],
    ['no doctype, no <html>', '<head><title>t</title></head><body></body>'],
    ['upper case, attributes quoted either way or plain, a quoted “>”', `<!DOCTYPE html>\n<HTML lang=zh-Hans data-a='>'>\n<HEAD profile=">">\n<title>t</title>`],
    ['a byte order mark and white space first', '\uFEFF \n<!doctype html><html><head>'],
    ['an RSS alternate (not a language link)', `${PAGE}<link rel="alternate" type="application/rss+xml" href="/feed">`],
    ['a stylesheet and an icon', `${PAGE}<link rel="stylesheet" href="/a.css"><link rel="icon" href="/i.png">`],
    ['a script that is not JSON-LD', `${PAGE}<script type="module" src="/x.js"></script>`],
    ['the words in text and comments that are not elements', `${PAGE}<p>rel="canonical" hreflang application/ld+json</p><!-- <link rel="canonical" href="/x"> -->`],
  ])('accepts a page: %s', (_why, html) => {
    expect(serverHeadProblem(html)).toBeNull();
  });

  test.each([
    ['no <head> tag (the head is implied)', '<!doctype html><html><title>t</title><body></body></html>', /must open with <!doctype html>, <html …> and <head …>/],
    ['content before the head', '<!doctype html><p>hello</p><html><head>', /must open with/],
    ['a comment before the head (it could hide the real one)', '<!doctype html><!-- x --><html><head>', /must open with/],
    ['a <head> only inside an attribute value', '<html data-x="<head>"><title>t</title>', /must open with/],
    ['a tag whose name only begins with head, after a no-break space', '<html><head\u00a0x><title>t</title>', /must open with/],
    ['<header> is not <head>', '<html><header>', /must open with/],
    ['its own canonical link', `${PAGE}<link rel="canonical" href="https://elsewhere.example/">`, /<link rel="canonical"> of its own/],
    ['a canonical link written in capitals, unquoted, among other rel words', `${PAGE}<LINK REL="Prev CANONICAL" href=/x>`, /<link rel="canonical"> of its own/],
    ['a canonical link spelled with a character reference', `${PAGE}<link rel="&#99;anonical" href="/x">`, /<link rel="canonical"> of its own/],
    ['a canonical link after an attribute whose quoted value holds “>”', `${PAGE}<link title=">" rel="canonical" href="/x">`, /<link rel="canonical"> of its own/],
    [
      'a canonical link inside <noscript> (read by a browser without scripts)',
      '<!doctype html><html><head><noscript><link rel="canonical" href="/x"></noscript></head>',
      /<link rel="canonical"> of its own/,
    ],
    ['a canonical link inside a <template>', `${PAGE}<template><link rel="canonical" href="/x"></template>`, /<link rel="canonical"> of its own/],
    ['a language link of its own', `${PAGE}<link rel="alternate" hreflang="fr" href="/fr">`, /<link hreflang> of its own/],
    ['its own JSON-LD', `${PAGE}<script type="application/ld+json">{"@type":"Thing"}</script>`, /<script type="application\/ld\+json"> of its own/],
    [
      'its own JSON-LD, the type spelled with a character reference and spaces',
      `${PAGE}<script type=" application/ld&#43;json ">{}</script>`,
      /<script type="application\/ld\+json"> of its own/,
    ],
  ])('refuses a page: %s', (_why, html, reason) => {
    const problem = serverHeadProblem(html);
    expect(problem?.en).toMatch(reason);
    expect(problem?.['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
  });

  test.each(PAGE_TEMPLATES.map((page) => [page]))('accepts the shipped "%s" as rendered on its fixture, in both locales', (page) => {
    const engine = templateEngine(new Map(Object.entries(DEFAULT_TEMPLATES).map(([key, t]) => [key, t.body])));
    for (const locale of LOCALES) {
      const html = engine.renderFileSync(page, (fixturePages(locale) as Record<string, object>)[page]) as string;
      expect({ page, locale, problem: serverHeadProblem(html) }).toEqual({ page, locale, problem: null });
      expect(withServerHead(html, SERVER)).toContain(`<head>\n<meta charset="utf-8">\n${SERVER.join('\n')}\n<meta name="viewport"`);
    }
  });
});

describe('the look before the parse (mayCarryServerElements)', () => {
  test.each([
    ['a quoted “>”', '<link title=">" rel=x>', 21],
    ['an unquoted value with quotes in it, then a quoted “>”', '<link a=b="x c="y>z" rel=canonical>', 34],
    ['“=” where a name begins starts a name: its quote opens a value', '<link =a="x>" rel=canonical>', 27],
    ['a self-closing tag', '<link rel=x/>', 12],
    ['no end', '<link rel="x>', -1],
  ])('finds where a start tag ends as the tokenizer does: %s', (_why, html, end) => {
    expect(startTagEnd(html, 5)).toBe(end);
  });

  test('lets the shipped pages skip the parse, and sends every refused page above to it', () => {
    const engine = templateEngine(new Map(Object.entries(DEFAULT_TEMPLATES).map(([key, t]) => [key, t.body])));
    for (const page of PAGE_TEMPLATES) {
      for (const locale of LOCALES)
        expect({ page, locale, may: mayCarryServerElements(engine.renderFileSync(page, (fixturePages(locale) as Record<string, object>)[page]) as string) }).toEqual({
          page,
          locale,
          may: false,
        });
    }
  });

  test('never lets a page skip the parse when the parse finds an element of the server’s (generated pages)', () => {
    const pieces = [
      '<link',
      '<LINK',
      '<script',
      '<sCrIpt',
      '<linkx',
      ' ',
      '\t',
      '\n',
      '/',
      '=',
      '"',
      "'",
      '>',
      'rel',
      'canonical',
      'CANONICAL',
      'hreflang',
      'type',
      'application/ld+json',
      '&#99;',
      '&amp;',
      'a',
      'x',
      '<!--',
      '-->',
      '<template>',
      '</template>',
      '<noscript>',
      '</noscript>',
      '</script>',
      '<p>',
      '<head>',
      '<title>',
      '</title>',
    ];
    // Start tags built attribute by attribute, values quoted either way or plain, holding “>”, quotes and “=”.
    const space = fc.constantFrom(' ', '\t', '\n', '/', ' / ', '');
    const word = fc.constantFrom('rel', 'hreflang', 'type', 'a', '=a', 'a"b', "a'b", 'title');
    const text = fc.array(fc.constantFrom('>', 'canonical', 'application/ld+json', 'x', ' ', '"', "'", '=', '&#99;'), { maxLength: 6 }).map((p) => p.join(''));
    const value = fc.oneof(
      text.map((t) => `"${t.replace(/"/g, '')}"`),
      text.map((t) => `'${t.replace(/'/g, '')}'`),
      text.map((t) => t.replace(/[\s>]/g, '')),
      text
    );
    const attribute = fc.tuple(space, word, fc.option(fc.tuple(fc.constantFrom('=', ' = ', '='), value))).map(([sp, name, v]) => `${sp || ' '}${name}${v ? v.join('') : ''}`);
    const tag = fc
      .tuple(fc.constantFrom('<link', '<LINK', '<script', '<sCrIpt'), fc.array(attribute, { maxLength: 4 }), fc.constantFrom('>', '/>', ' >', ''))
      .map(([open, attrs, close]) => `${open}${attrs.join('')}${close}`);
    const page = fc.array(fc.oneof(fc.constantFrom(...pieces), tag), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(page, (html) => mayCarryServerElements(html) || forgedElement(html) === null),
      { numRuns: 20_000 }
    );
  });
});
