// The normalise step: what a write stores is put in its stored form before it is checked.
// - conditions (stage `appliesWhen`, material `when`) in the form Strapi's JSON fields keep
//   faithfully (domain/stored-logic.ts): text holding JSON is parsed, anything else refused (400);
// - an item written without a slug gets one from its title, Chinese spelled out in pinyin;
// - a guide gets its readable title per locale from its codes as they will be stored;
// - a new locale of an existing item or guide starts from the document's structure
//   (domain/locale-structure.ts), with the texts given;
// - a component every locale shares (a guide's time limit), written with the id of a row this
//   locale no longer has (Strapi gives every other locale new rows when one locale is saved), is
//   written as new rows: the values are the form's, and whether they replace someone's change is
//   the concurrency check's to say (services/edit-versions.ts).
import type { Core } from '@strapi/strapi';
import { conditionFromInput } from '../domain/stored-logic';
import { carryStructure } from '../domain/locale-structure';
import { movedTo, type Problem } from '../domain/problems';
import { slugFor, uniqueSlug } from '../domain/slug';
import { normalisations, singleLocale, type WriteIntent } from '../domain/write-intent';
import { getService } from '../get-service';
import { requestLanguage } from '../request-language';
import { GUIDE, ITEM } from '../uids';
import { validationError } from '../http-errors';
import { componentIds, rowsOfThisLocale } from '../domain/shared-components';
import { STRUCTURE_LISTS, structurePopulate, withoutIds } from './structure';

type Row = Record<string, unknown>;

const CONDITION_FIELDS: Readonly<Record<string, { list: string; field: string }>> = {
  [ITEM]: { list: 'stages', field: 'appliesWhen' },
  [GUIDE]: { list: 'materials', field: 'when' },
};

/** Returns the intent with its data normalised; `params.data` is replaced with the same data. */
export async function normaliseWrite(strapi: Core.Strapi, intent: WriteIntent, params: Record<string, unknown>): Promise<WriteIntent> {
  const steps = normalisations(intent);
  if (steps.size === 0 || !intent.data) return intent;
  let data: Row = { ...intent.data };
  const locale = singleLocale(intent) ?? (await getService(strapi, 'locales').defaultLocale());
  if (steps.has('conditions')) data = storedConditions(strapi, intent.type.uid, data);
  if (steps.has('item-slug')) data = await withItemSlug(strapi, intent, data, locale);
  if (steps.has('guide-title')) data = await withGuideTitle(strapi, intent, data, locale);
  if (steps.has('new-locale-structure')) data = await withDocumentStructure(strapi, intent, data, locale);
  if (steps.has('shared-component-rows')) data = await withSharedComponentRows(strapi, intent, data, locale);
  params.data = data;
  return { ...intent, data };
}

function storedConditions(strapi: Core.Strapi, uid: string, data: Row): Row {
  const target = CONDITION_FIELDS[uid];
  if (!target || !Array.isArray(data[target.list])) return data;
  const problems: Problem[] = [];
  const entries = (data[target.list] as unknown[]).map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || !(target.field in entry)) return entry;
    const input = conditionFromInput((entry as Row)[target.field]);
    if (!input.ok) {
      problems.push(movedTo([target.list, i, target.field], input.problem));
      return entry;
    }
    return { ...entry, [target.field]: input.stored };
  });
  if (problems.length > 0) throw validationError(problems, requestLanguage(strapi));
  return { ...data, [target.list]: entries };
}

async function withItemSlug(strapi: Core.Strapi, intent: WriteIntent, data: Row, locale: string): Promise<Row> {
  if (typeof data.slug === 'string' && data.slug !== '') return data;
  const query = strapi.db.query(ITEM);
  const stored =
    intent.documentId && intent.action === 'update'
      ? ((await query.findOne({ where: { documentId: intent.documentId, locale, publishedAt: null }, select: ['slug', 'title'] })) as {
          slug: string | null;
          title: string | null;
        } | null)
      : null;
  // An update that does not touch the slug keeps the stored one.
  if (stored?.slug && !('slug' in data)) return data;
  const title = typeof data.title === 'string' && data.title !== '' ? data.title : stored?.title;
  if (!title) return data;
  const base = slugFor(title);
  if (!base) return data;
  const taken = (await query.findMany({ where: { locale, slug: { $startsWith: base } }, select: ['slug', 'documentId'] })) as Array<{ slug: string; documentId: string }>;
  const others = new Set(taken.filter((t) => intent.action === 'clone' || t.documentId !== intent.documentId).map((t) => t.slug));
  return { ...data, slug: uniqueSlug(base, others) };
}

async function withGuideTitle(strapi: Core.Strapi, intent: WriteIntent, data: Row, locale: string): Promise<Row> {
  // The codes as they stand in the draft (a move changes the draft first; published rows keep the old owner until published).
  const drafts = intent.documentId
    ? ((await strapi.db.query(GUIDE).findMany({ where: { documentId: intent.documentId, publishedAt: null }, select: ['itemCode', 'stageKey', 'unitCode', 'locale'] })) as Row[])
    : [];
  const stored = drafts.find((r) => r.locale === locale) ?? drafts[0] ?? null;
  const { locale: _locale, ...codes } = stored ?? {};
  const title = await getService(strapi, 'guide-titles').titleFor({ ...codes, ...data }, locale);
  return { ...data, title };
}

async function withDocumentStructure(strapi: Core.Strapi, intent: WriteIntent, data: Row, locale: string): Promise<Row> {
  const shapes = STRUCTURE_LISTS[intent.type.uid];
  if (!shapes || !intent.documentId || !shapes.some((s) => s.field in data)) return data;
  const drafts = (await strapi.db
    .query(intent.type.uid as typeof ITEM)
    .findMany({ where: { documentId: intent.documentId, publishedAt: null }, populate: structurePopulate(shapes) })) as Array<Row & { locale: string }>;
  // Only a locale the document does not have yet takes the document's structure here.
  if (drafts.some((r) => r.locale === locale)) return data;
  const reference = drafts[0];
  if (!reference) return data;
  return { ...data, ...(withoutIds(carryStructure(shapes, reference, reference, data)) as Row) };
}

async function withSharedComponentRows(strapi: Core.Strapi, intent: WriteIntent, data: Row, locale: string): Promise<Row> {
  const model = strapi.getModel(intent.type.uid as typeof GUIDE) as unknown as {
    attributes: Record<string, { type: string; pluginOptions?: { i18n?: { localized?: boolean } } }>;
    pluginOptions?: { i18n?: { localized?: boolean } };
  };
  if (model.pluginOptions?.i18n?.localized !== true) return data;
  const shared = Object.keys(model.attributes).filter(
    (name) => model.attributes[name].type === 'component' && model.attributes[name].pluginOptions?.i18n?.localized === false && name in data
  );
  if (shared.length === 0) return data;
  const row = (await strapi.db.query(intent.type.uid as typeof GUIDE).findOne({
    where: { documentId: intent.documentId, locale, publishedAt: null },
    select: ['id'],
    populate: Object.fromEntries(shared.map((name) => [name, { select: ['id'] }])),
  })) as Row | null;
  if (!row) return data;
  const renewed: Row = { ...data };
  for (const name of shared) renewed[name] = rowsOfThisLocale(data[name], componentIds(row[name]));
  return renewed;
}
