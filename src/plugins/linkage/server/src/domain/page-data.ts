// What a page template is given: the view, the page's language and links, and the words (`t`).
import { pageUrlIn } from './links';
import { siteStrings } from './site-strings';

export interface PageFrame {
  readonly title: string;
  readonly locale: string;
  readonly locales: readonly string[];
  /** The page's own URL, without a locale: language links add theirs. */
  readonly url: string;
  readonly stylesheet: string;
}

const LANGUAGE_LABELS: Readonly<Record<string, string>> = { 'zh-Hans': '中文', en: 'English' };

export function pageData(frame: PageFrame, view: object, answers: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    ...view,
    answers,
    t: siteStrings(frame.locale),
    page: {
      lang: frame.locale,
      locale: frame.locale,
      title: frame.title,
      stylesheet: frame.stylesheet,
      languages: frame.locales.map((code) => ({ code, label: LANGUAGE_LABELS[code] ?? code, url: pageUrlIn(frame.url, code), current: code === frame.locale })),
    },
  };
}
