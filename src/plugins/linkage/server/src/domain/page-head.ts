// What the server writes first in every site page's head, whatever the city's templates say: the
// page's canonical link, its language alternates (hreflang, and x-default for the address that
// negotiates the language), its JSON-LD and, where it is needed, the navigator script. A template
// renders everything else. So that no template can drop or forge them, a page template's output
// must open with its head (`<!doctype html>`, `<html …>`, `<head …>`, nothing else before, no
// comment), where the server's elements go, and must carry no canonical link, no link with an
// hreflang and no JSON-LD script of its own; a page that does not is refused at publish and, at
// request time, rendered with the last good templates instead (services/sites.ts).
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { AdminText } from './admin-language';
import { publicUrl } from './linked-data-ids';
import { pageUrlIn } from './links';

export interface PageAlternate {
  /** A locale, or x-default. */
  readonly hreflang: string;
  readonly href: string;
}

export interface PageLinks {
  /** This page in its locale, absolute. */
  readonly canonical: string;
  /** This page in every locale, then x-default: the address without a locale, which negotiates it. */
  readonly alternates: readonly PageAlternate[];
}

/**
 * The canonical and alternate addresses of the page at `url` (as the link mode gives it, with its
 * query: a route page's answers, brackets percent-encoded), absolute under `baseUrl` when a path.
 */
export const pageLinks = (url: string, locales: readonly string[], locale: string, baseUrl: string): PageLinks => ({
  canonical: publicUrl(pageUrlIn(url, locale), baseUrl),
  alternates: [...locales.map((code) => ({ hreflang: code, href: publicUrl(pageUrlIn(url, code), baseUrl) })), { hreflang: 'x-default', href: publicUrl(url, baseUrl) }],
});

const attribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<link>` elements of a page's canonical and alternate addresses. */
export const linkElements = (links: PageLinks): string[] => [
  `<link rel="canonical" href="${attribute(links.canonical)}">`,
  ...links.alternates.map((a) => `<link rel="alternate" hreflang="${attribute(a.hreflang)}" href="${attribute(a.href)}">`),
];

/** A `<script type="application/ld+json">` whose text cannot close the script element. */
export const jsonLdScript = (data: object): string =>
  `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')}</script>`;

// The opening a page template's output must have, read as the HTML tokenizer reads it: HTML's own
// white space (not \s, which takes U+00A0 and such as space where HTML reads a name), attributes
// quoted or plain, no comment. The server's elements go after `<head …>` (and after a `<meta
// charset>` right after it, which must stay in the page's first bytes).
const WS = '[\\t\\n\\f\\r ]';
const ATTRIBUTES = `(?:${WS}+[^\\t\\n\\f\\r "'>/=<]+(?:${WS}*=${WS}*(?:"[^"]*"|'[^']*'|[^\\t\\n\\f\\r "'=<>\`]+))?)*${WS}*/?>`;
const HEAD_OPENING = new RegExp(
  `^\\uFEFF?${WS}*(?:<!doctype${WS}+html(?:${WS}[^>]*)?>${WS}*)?(?:<html${ATTRIBUTES}${WS}*)?<head${ATTRIBUTES}(?:${WS}*<meta${WS}+charset${WS}*=${WS}*(?:"[^"]*"|'[^']*'|[^\\t\\n\\f\\r "'=<>\`]+)${WS}*/?>)?`,
  'i'
);

const MUST_OPEN_WITH_HEAD: AdminText = {
  en: 'the page must open with <!doctype html>, <html …> and <head …>, with nothing else before them (not even a comment): the server writes the page’s canonical and language links and its linked data first in its head',
  'zh-Hans': '页面须以 <!doctype html>、<html …> 和 <head …> 开头，其前不得有其他内容（注释也不行）：服务器在 head 的最前面写入页面的规范链接、语言链接和关联数据',
};
const OWN_CANONICAL: AdminText = {
  en: 'the page has a <link rel="canonical"> of its own: the server writes the page’s canonical link',
  'zh-Hans': '页面自带 <link rel="canonical">：页面的规范链接由服务器写入',
};
const OWN_HREFLANG: AdminText = {
  en: 'the page has a <link hreflang> of its own: the server writes the page’s language links',
  'zh-Hans': '页面自带带 hreflang 的 <link>：页面的语言链接由服务器写入',
};
const OWN_JSON_LD: AdminText = {
  en: 'the page has a <script type="application/ld+json"> of its own: the server writes the page’s linked data',
  'zh-Hans': '页面自带 <script type="application/ld+json">：页面的关联数据由服务器写入',
};

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function* elementsOf(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* elementsOf(child);
  // A <template>'s content is a fragment of its own.
  if ('content' in node && node.content) yield* elementsOf(node.content);
}

const attributeOf = (element: Element, name: string): string | undefined => element.attrs.find((a) => a.name === name)?.value;
const tokens = (value: string | undefined): string[] =>
  (value ?? '')
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .filter(Boolean);

/** What of the server's own the page carries, read as a browser without scripts reads it (attributes' character references decoded, <noscript> parsed). */
export function forgedElement(html: string): AdminText | null {
  for (const element of elementsOf(parse(html, { scriptingEnabled: false }))) {
    if (element.tagName === 'link' && tokens(attributeOf(element, 'rel')).includes('canonical')) return OWN_CANONICAL;
    if (element.tagName === 'link' && attributeOf(element, 'hreflang') !== undefined) return OWN_HREFLANG;
    if (element.tagName === 'script' && (attributeOf(element, 'type') ?? '').trim().toLowerCase() === 'application/ld+json') return OWN_JSON_LD;
  }
  return null;
}

// A cheap, conservative look before the parse, which costs about as much as the render itself: a
// forged element needs a literal `<link` or `<script` start tag (tag names take no character
// references), so a page is parsed only when one of those tags (read to its end as the tokenizer reads
// it) holds a character reference or one of the words the forged elements need. Everything else,
// raw text, comments and <template>s included, is treated as a tag here: a look that errs only
// towards the parse (test/domain/page-head.test.ts checks it against parse5 on generated pages).
const LINK_OR_SCRIPT = /<(?:link|script)(?=[\t\n\f\r />])/gi;
const SUSPECT = /&|canonical|hreflang|ld\+json/i;
const isSpace = (c: string) => c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ';

type TagState = 'before-name' | 'name' | 'after-name' | 'before-value' | 'quoted' | 'after-quoted' | 'unquoted';

/** Where the start tag whose name ends at `from` ends (its `>`), as HTML's tokenizer reads attributes; -1 at the end of the text. */
export function startTagEnd(html: string, from: number): number {
  let state: TagState = 'before-name';
  let quote = '';
  for (let i = from; i < html.length; i += 1) {
    const c = html[i];
    if (state === 'quoted') {
      if (c === quote) state = 'after-quoted';
      continue;
    }
    if (state === 'unquoted') {
      if (c === '>') return i;
      if (isSpace(c)) state = 'before-name';
      continue;
    }
    if (state === 'before-value') {
      if (isSpace(c)) continue;
      if (c === '>') return i;
      if (c === '"' || c === "'") {
        state = 'quoted';
        quote = c;
      } else state = 'unquoted';
      continue;
    }
    // Between attributes, in a name, or after one (a quoted value's end reads as between attributes).
    const inName: boolean = state === 'name' || state === 'after-name';
    if (c === '>') return i;
    if (c === '/') state = 'before-name';
    else if (isSpace(c)) state = inName ? 'after-name' : 'before-name';
    // `=` where a name would begin starts the name (the tokenizer's parse error), not a value.
    else if (c === '=' && inName) state = 'before-value';
    else state = 'name';
  }
  return -1;
}

/** False only when no element of the page can be one the server writes (see above). */
export function mayCarryServerElements(html: string): boolean {
  for (const match of html.matchAll(LINK_OR_SCRIPT)) {
    const start = match.index ?? 0;
    const end = startTagEnd(html, start + match[0].length);
    if (end < 0 || SUSPECT.test(html.slice(start, end))) return true;
  }
  return false;
}

/** Why the server could not write its elements first in the head of a page a template rendered, or null. */
export function serverHeadProblem(html: string): AdminText | null {
  if (!HEAD_OPENING.test(html)) return MUST_OPEN_WITH_HEAD;
  return mayCarryServerElements(html) ? forgedElement(html) : null;
}

/** What the server writes first in a page's head: on every page, and where the page asks a unit question. */
export interface ServerElements {
  readonly always: readonly string[];
  /** The navigator's script: only where a unit question is asked level by level (the form works without it). */
  readonly withUnitQuestion: readonly string[];
}

/** The server's elements for this page, as the template rendered it. */
export const serverElementsFor = (html: string, elements: ServerElements): readonly string[] =>
  html.includes('data-unit-question') ? [...elements.always, ...elements.withUnitQuestion] : elements.always;

/**
 * The page with the server's elements first in its head; null when the page does not open with its
 * head (serverHeadProblem says so: the render worker checks every page it renders).
 */
export function withServerHead(html: string, elements: readonly string[]): string | null {
  const opening = HEAD_OPENING.exec(html);
  if (!opening) return null;
  if (elements.length === 0) return html;
  const at = opening[0].length;
  return `${html.slice(0, at)}\n${elements.join('\n')}${html.slice(at)}`;
}
