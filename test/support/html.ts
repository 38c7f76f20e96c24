// A little HTML reading for the site pages' tests: the pages come from our own templates, so
// regular expressions do.

export type Attributes = Record<string, string>;

export const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export const textOf = (html: string): string =>
  decode(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

export function attributes(source: string): Attributes {
  const found: Attributes = {};
  for (const m of source.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g)) found[m[1].toLowerCase()] = decode(m[2] ?? '');
  return found;
}

/** Every opening tag of this name, with its attributes. */
export const tags = (html: string, name: string): Attributes[] => [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))].map((m) => attributes(m[1]));

/** Elements with content: attributes and inner HTML. */
export const elements = (html: string, name: string): Array<{ attrs: Attributes; inner: string; text: string }> =>
  [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>([\\s\\S]*?)</${name}>`, 'gi'))].map((m) => ({ attrs: attributes(m[1]), inner: m[2], text: textOf(m[2]) }));

/** The first element of this name whose class list has `className`. */
export const byClass = (html: string, name: string, className: string) => elements(html, name).find((e) => (e.attrs.class ?? '').split(/\s+/).includes(className));

export const headings = (html: string): Array<{ level: number; text: string }> =>
  [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi)].map((m) => ({ level: Number(m[1]), text: textOf(m[2]) }));

export const htmlLang = (html: string): string | undefined => /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1];

/**
 * What a reader of the page reads: the text of the body (scripts and styles left out), with the
 * alternative texts and titles a screen reader says.
 */
export function readableText(html: string): string {
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const spoken = [...body.matchAll(/\s(?:alt|title|aria-label)="([^"]*)"/gi)].map((m) => decode(m[1]));
  const withoutCode = body.replace(/<script\b[\s\S]*?<\/script>/gi, ' ').replace(/<style\b[\s\S]*?<\/style>/gi, ' ');
  return `${textOf(withoutCode.replace(/</g, ' <'))} ${spoken.join(' ')}`.replace(/\s+/g, ' ').trim();
}

/** Every link on a page to this app's site pages, as [path, fragment]. */
export const siteLinks = (html: string): string[] =>
  tags(html, 'a')
    .map((a) => a.href ?? '')
    .filter((href) => href.startsWith('/sites/'));
