// The audit trail's projector: every write to an audited linkage record (any path: Content Manager,
// bulk actions, clone, Document Service, import) appends an entry in the write's own transaction, so
// a failed write leaves none and a committed one always has one. The pipeline has taken the audit
// lock before the write (writes/pipeline.ts).
import type { Core } from '@strapi/strapi';
import { canonicalJson, type AuditField } from '../../domain/audit-chain';
import { GUIDE, MEMBERSHIP } from '../../uids';
import type { WriteIntent } from '../../domain/write-intent';
import { getService } from '../../get-service';
import type { AuditAction, AuditInput } from '../../services/audit';
import type { Projector } from '../projectors';

type Row = Record<string, unknown>;

// Kept by Strapi on every row; never "a field the user changed".
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'locale', 'localizations', 'createdAt', 'updatedAt', 'publishedAt', 'firstPublishedAt', 'createdBy', 'updatedBy']);

interface ModelFacts {
  readonly attributes: Record<string, { type: string; component?: string }>;
  readonly localized: boolean;
  readonly draftAndPublish: boolean;
}

/** The locale an entry names: the one acted on, `*` for every locale, none for a type without locales. */
const entryLocale = (model: ModelFacts, intent: WriteIntent): string | null => (!model.localized ? null : intent.locales === 'all' ? '*' : intent.locales.join(','));

export const auditTrail: Projector<Row | null> = {
  name: 'audit-trail',

  async before(strapi, intent) {
    if (!intent.documentId || (intent.action !== 'update' && intent.action !== 'delete')) return null;
    const model = modelFacts(strapi, intent.type.uid);
    const locale = entryLocale(model, intent);
    const components = intent.action === 'update' ? writtenFields(model, intent.data).filter((f) => model.attributes[f]?.type === 'component') : [];
    return draftRow(strapi, intent.type.uid, model, intent.documentId, locale && locale !== '*' ? locale : null, components);
  },

  async inTransaction(strapi, intent, written, before) {
    const model = modelFacts(strapi, intent.type.uid);
    const uid = intent.type.uid;
    const locale = entryLocale(model, intent);
    const rowLocale = locale && locale !== '*' ? locale : null;
    const written_ = writtenFields(model, intent.data);
    const result = written.result;
    const entries: AuditInput[] = [];
    const entry = async (action: AuditAction, row: Row | null, documentId: string | null | undefined, fields: AuditField[]) => {
      if (!row || !documentId) return;
      const email = uid === MEMBERSHIP ? await userEmail(strapi, row.userId) : null;
      entries.push({
        action,
        subjectUid: uid,
        subjectDocumentId: documentId,
        subjectKey: intent.type.key(row, { email }),
        unitCode: intent.type.owner(row),
        subjectLocale: locale,
        fields,
      });
    };

    // What a create or an update wrote, for the publish that may come with it.
    let writtenRow: { row: Row; documentId: string } | null = null;
    switch (intent.action) {
      case 'create':
        await entry(uid === MEMBERSHIP ? 'membership-add' : 'create', result, result?.documentId, given(written_, intent.data));
        if (result?.documentId) writtenRow = { row: result, documentId: result.documentId };
        break;
      case 'clone':
        await entry('clone', written.entries[0] ?? null, result?.documentId, given(written_, intent.data));
        break;
      case 'update': {
        const documentId = intent.documentId as string;
        const components = written_.filter((f) => model.attributes[f]?.type === 'component');
        const after = await draftRow(strapi, uid, model, documentId, rowLocale, components);
        if (!after) break;
        writtenRow = { row: after, documentId };
        // An update that adds a locale creates its row: the fields given are what was written.
        const changed = before ? changedFields(written_, before, after) : given(written_, intent.data);
        const moved = uid === GUIDE && before !== null && before.unitCode !== after.unitCode;
        // A save that changed nothing (the Content Manager saves before it publishes) is no edit.
        if (before && changed.length === 0 && !moved) break;
        await entry(moved ? 'move' : 'update', after, documentId, moved && before ? withMoves(changed, before, after) : changed);
        break;
      }
      case 'delete':
        if (written.entries.length > 0) await entry(uid === MEMBERSHIP ? 'membership-remove' : 'delete', before ?? written.entries[0] ?? null, intent.documentId, []);
        break;
      default:
        // publish, unpublish, discardDraft: recorded only when some version was acted on.
        if (written.entries.length > 0)
          await entry(intent.action === 'discardDraft' ? 'discard-draft' : (intent.action as AuditAction), written.entries[0] ?? null, intent.documentId, []);
    }
    // create or update with status "published" publishes in the same call.
    if (writtenRow && intent.publishes && intent.action !== 'publish' && model.draftAndPublish) await entry('publish', writtenRow.row, writtenRow.documentId, []);
    const audit = getService(strapi, 'audit');
    for (const e of entries) await audit.append(e);
  },
};

async function userEmail(strapi: Core.Strapi, userId: unknown): Promise<string | null> {
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: userId }, select: ['email'] })) as { email: string } | null;
  return user?.email ?? null;
}

function modelFacts(strapi: Core.Strapi, uid: string): ModelFacts {
  const model = strapi.getModel(uid as 'plugin::linkage.guide') as unknown as {
    attributes: ModelFacts['attributes'];
    options?: { draftAndPublish?: boolean };
    pluginOptions?: { i18n?: { localized?: boolean } };
  };
  return { attributes: model.attributes, localized: model.pluginOptions?.i18n?.localized === true, draftAndPublish: model.options?.draftAndPublish === true };
}

/** The record's own fields named in the data written. */
function writtenFields(model: ModelFacts, data: Readonly<Row> | null): string[] {
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data)
    .filter((key) => key in model.attributes && !SYSTEM_FIELDS.has(key))
    .sort();
}

/** For a new record: the fields given a value. */
const given = (written: string[], data: Readonly<Row> | null): AuditField[] =>
  written.filter((key) => {
    const value = data?.[key];
    return value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  });

/** The fields written whose stored value differs before and after the write. */
function changedFields(written: string[], before: Row, after: Row): AuditField[] {
  return written.filter((key) => comparable(before[key]) !== comparable(after[key]));
}

/** A stored value without what Strapi renumbers on every save (component row ids). */
function comparable(value: unknown): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Row)
          .filter(([k]) => k !== 'id' && k !== '__component' && k !== 'documentId')
          .map(([k, x]) => [k, strip(x)])
      );
    return v === undefined || v === '' ? null : v;
  };
  return canonicalJson(strip(value));
}

/** An owner move shows the unit (and department) it moved from and to. */
function withMoves(changed: AuditField[], before: Row, after: Row): AuditField[] {
  const moved = (field: string): AuditField => ({ field, from: nullableString(before[field]), to: nullableString(after[field]) });
  const names = new Set([...changed.map((f) => (typeof f === 'string' ? f : f.field)), 'unitCode']);
  return [...names].sort().map((name) => (name === 'unitCode' || (name === 'departmentCode' && before.departmentCode !== after.departmentCode) ? moved(name) : name));
}

const nullableString = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The draft (or only) row of a document in one locale, with the given components read in full. */
async function draftRow(strapi: Core.Strapi, uid: string, model: ModelFacts, documentId: string, locale: string | null, components: string[]): Promise<Row | null> {
  const where: Row = { documentId };
  if (model.localized && locale) where.locale = locale;
  if (model.draftAndPublish) where.publishedAt = null;
  const populate = components.length > 0 ? populateOf(strapi, model.attributes, components) : undefined;
  return (await strapi.db.query(uid as 'plugin::linkage.guide').findOne({ where, ...(populate ? { populate } : {}) })) as Row | null;
}

/** A populate that reads the named components and every component nested in them. */
function populateOf(strapi: Core.Strapi, attributes: ModelFacts['attributes'], keys: string[]): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const key of keys) {
    const attribute = attributes[key];
    if (attribute?.type !== 'component' || !attribute.component) continue;
    const nestedAttributes = (strapi.components[attribute.component as keyof typeof strapi.components] as unknown as { attributes: ModelFacts['attributes'] }).attributes;
    const nested = Object.keys(nestedAttributes).filter((k) => nestedAttributes[k].type === 'component');
    populate[key] = nested.length > 0 ? { populate: populateOf(strapi, nestedAttributes, nested) } : true;
  }
  return populate;
}
