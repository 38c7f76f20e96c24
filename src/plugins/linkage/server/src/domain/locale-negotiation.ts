// Which locale a page is shown in: `?locale=` if it names one, else the best match of the
// browser's Accept-Language (zh, zh-CN, zh-Hans… → zh-Hans), else the default.

export interface Negotiated {
  readonly locale: string;
  /** True unless `?locale=` decided: then the response depends on Accept-Language, even when it is absent. */
  readonly variesWithHeader: boolean;
}

/** The catalog's spelling of a requested tag: language tags are case-insensitive (RFC 5646 §2.1.1). */
export function canonicalLocale(requested: unknown, locales: readonly string[]): string | null {
  if (typeof requested !== 'string') return null;
  const wanted = requested.toLowerCase();
  return locales.find((l) => l.toLowerCase() === wanted) ?? null;
}

export function negotiateLocale(requested: unknown, acceptLanguage: string | undefined, locales: readonly string[]): Negotiated {
  const asked = canonicalLocale(requested, locales);
  if (asked) return { locale: asked, variesWithHeader: false };
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranges) {
    const exact = locales.find((l) => l.toLowerCase() === tag);
    if (exact) return { locale: exact, variesWithHeader: true };
    const language = tag.split('-')[0];
    const sameLanguage = locales.find((l) => l.toLowerCase().split('-')[0] === language);
    if (sameLanguage) return { locale: sameLanguage, variesWithHeader: true };
  }
  return { locale: locales[0], variesWithHeader: true };
}
