// Every public route of /api/linkage over whatever data the app serves, found through the API
// itself: the unit tree, each item, its route for several answer sets (none, partial, complete, bad),
// its flow chart in each format, each unit's site views, the change feed, the document and the
// CPSV-AP export, in each locale; with bad parameters and unknown names for the 400s and 404s, and
// each answer with an ETag asked again with If-None-Match for its 304.
import type { Exchange } from './openapi-conformance';

export type Get = (url: string, headers?: Readonly<Record<string, string>>) => Promise<Exchange>;

const API = '/api/linkage';
export const LOCALES = ['zh-Hans', 'en'] as const;

interface UnitNode {
  code: string;
  level: string;
  children: UnitNode[];
}
interface Question {
  key: string;
  type: 'choice' | 'boolean' | 'unit';
  options?: Array<{ value: string }>;
  answerLevel?: string;
  within?: string;
}
interface ItemSummary {
  slug: string;
  domain: string;
}

const flatten = (nodes: readonly UnitNode[], parents: readonly string[] = []): Array<UnitNode & { ancestors: readonly string[] }> =>
  nodes.flatMap((n) => [{ ...n, ancestors: parents }, ...flatten(n.children, [...parents, n.code])]);

const answersQuery = (answers: Readonly<Record<string, string>>): string =>
  Object.entries(answers)
    .map(([k, v]) => `answers[${encodeURIComponent(k)}]=${encodeURIComponent(v)}`)
    .join('&');

const json = <T>(exchange: Exchange): T => {
  if (exchange.status !== 200) throw new Error(`${exchange.url} answered ${exchange.status}: ${exchange.body.slice(0, 300)}`);
  return (JSON.parse(exchange.body) as { data: T }).data;
};

/** Answer sets for an item's questions: none, each question alone, each value of each question with the others at their first value, and bad ones. */
function answerSets(questions: readonly Question[], units: ReturnType<typeof flatten>): Array<Record<string, string>> {
  const values = (q: Question): string[] => {
    if (q.type === 'boolean') return ['true', 'false'];
    if (q.type === 'choice') return (q.options ?? []).map((o) => o.value);
    return units.filter((u) => u.level === q.answerLevel && (!q.within || u.code === q.within || u.ancestors.includes(q.within))).map((u) => u.code);
  };
  const first = Object.fromEntries(questions.map((q) => [q.key, values(q)[0]]));
  const sets: Array<Record<string, string>> = [{}];
  for (const q of questions) {
    sets.push({ [q.key]: values(q)[0] });
    for (const value of values(q)) sets.push({ ...first, [q.key]: value });
  }
  const [choice] = questions.filter((q) => q.type === 'choice');
  const [boolean] = questions.filter((q) => q.type === 'boolean');
  const [unit] = questions.filter((q) => q.type === 'unit');
  sets.push({ ...first, 'no-such-question': 'x' });
  if (choice) sets.push({ ...first, [choice.key]: 'no-such-option' });
  if (boolean) sets.push({ ...first, [boolean.key]: 'maybe' });
  if (unit) {
    sets.push({ ...first, [unit.key]: '999999999999' }, { ...first, [unit.key]: 'not-a-code' });
    // A unit above the question's answer level (the city, when the answer is a district or below).
    const root = units.find((u) => u.ancestors.length === 0);
    if (root && root.level !== unit.answerLevel) sets.push({ ...first, [unit.key]: root.code });
  }
  return sets;
}

export async function walkPublicApi(get: Get): Promise<Exchange[]> {
  const seen: Exchange[] = [];
  const ask = async (path: string): Promise<Exchange> => {
    const exchange = await get(`${API}${path}`);
    seen.push(exchange);
    const etag = exchange.headers.etag;
    if (exchange.status === 200 && typeof etag === 'string') seen.push(await get(exchange.url, { 'If-None-Match': etag }));
    return exchange;
  };
  const withLocale = (path: string, locale: string) => `${path}${path.includes('?') ? '&' : '?'}locale=${encodeURIComponent(locale)}`;

  const units = flatten(json<UnitNode[]>(await ask('/units')));
  const items = json<ItemSummary[]>(await ask('/items'));
  await ask('/openapi.json');
  const bad = ['/units?locale=xx', '/units?locale=en&locale=zh-Hans', '/items?level=planet', '/items?unit=999999999999', '/items?locale=fr'];
  for (const path of bad) await ask(path);

  for (const locale of LOCALES) {
    await ask(withLocale('/units', locale));
    await ask(withLocale('/items', locale));
    for (const domain of [...new Set(items.map((i) => i.domain)), 'no-such-domain']) await ask(withLocale(`/items?domain=${encodeURIComponent(domain)}`, locale));
    for (const level of ['city', 'district', 'street', 'community']) await ask(withLocale(`/items?level=${level}`, locale));
    for (const unit of units) await ask(withLocale(`/items?unit=${unit.code}`, locale));
    await ask(withLocale(`/items?q=${encodeURIComponent(locale === 'en' ? 'retirement' : '退休')}`, locale));
    await ask(withLocale('/items?q=&domain=', locale));

    for (const summary of items) {
      const slug = encodeURIComponent(summary.slug);
      const item = json<{ questions: Question[] }>(await ask(withLocale(`/items/${slug}`, locale)));
      for (const answers of answerSets(item.questions, units)) {
        const query = answersQuery(answers);
        await ask(withLocale(`/items/${slug}/route${query ? `?${query}` : ''}`, locale));
      }
      await ask(withLocale(`/items/${slug}/route?answers=flat`, locale));
      for (const path of [`/items/${slug}`, `/items/${slug}/route`, `/items/${slug}/flowchart`]) await ask(`${path}?locale=xx`);
      for (const format of ['svg', 'mermaid', 'json', 'png']) await ask(withLocale(`/items/${slug}/flowchart?format=${format}`, locale));
      await ask(withLocale(`/items/${slug}/flowchart`, locale));
    }
    for (const path of ['/items/no-such-item', '/items/no-such-item/route', '/items/no-such-item/flowchart']) await ask(withLocale(path, locale));

    for (const unit of units) {
      const site = json<{ items: Array<{ slug: string }> }>(await ask(withLocale(`/sites/${unit.code}`, locale)));
      for (const shown of site.items) await ask(withLocale(`/sites/${unit.code}/items/${encodeURIComponent(shown.slug)}`, locale));
      // An item the unit's site does not show: a 404 naming where it is.
      const other = items.find((i) => !site.items.some((s) => s.slug === i.slug));
      if (other) await ask(withLocale(`/sites/${unit.code}/items/${encodeURIComponent(other.slug)}`, locale));
    }
    await ask(withLocale('/sites/999999999999', locale));
    await ask(withLocale(`/sites/${units[0].code}/items/no-such-item`, locale));
  }
  await ask(`/sites/${units[0].code}?locale=xx`);
  if (items[0]) await ask(`/sites/${units[0].code}/items/${encodeURIComponent(items[0].slug)}?locale=xx`);

  const feed = ['', '?since=0', '?since=3', '?limit=1', '?since=1&limit=2', '?since=999999', '?since=-1', '?since=abc', '?since=1&since=2', '?limit=0', '?limit=1001', '?limit=x'];
  for (const query of feed) await ask(`/changes${query}`);
  for (const unit of units) await ask(`/changes?unit=${unit.code}&limit=5`);
  await ask('/changes?unit=999999999999');
  // Parameters an address does not take, or given twice: 400s naming them.
  for (const path of ['/items?domain=a&domain=b', '/items?filters[domain][$eq]=housing', '/units?populate=*', '/openapi.json?x=1', '/changes?cursor=1']) await ask(path);

  // Every document the feed names, looked up by its id, in each locale; and ids that name nothing.
  const named = json<Array<{ subjectDocumentId: string; action: string }>>(await ask('/changes?limit=1000'));
  for (const documentId of new Set(named.filter((c) => c.action === 'published').map((c) => c.subjectDocumentId))) {
    for (const locale of LOCALES) await ask(withLocale(`/documents/${encodeURIComponent(documentId)}`, locale));
  }
  // The CPSV-AP export: the whole catalog, each item by its slug, an unknown item, refused parameters.
  await ask('/exports/cpsv-ap.jsonld');
  for (const summary of items) await ask(`/exports/cpsv-ap.jsonld?item=${encodeURIComponent(summary.slug)}`);
  for (const query of ['?item=no-such-item', '?locale=en', '?item=', '?item=a&item=b']) await ask(`/exports/cpsv-ap.jsonld${query}`);
  await ask('/documents/no-such-document');
  await ask('/documents/no-such-document?locale=xx');
  await ask('/documents/no-such-document?since=1');
  return seen;
}
