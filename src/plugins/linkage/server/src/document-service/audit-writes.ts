// The audit trail's document-service side. Every write to a linkage record (any path: Content
// Manager, Document Service, import) appends an audit entry in the same transaction as the write, so
// a failed write leaves none and a committed one always has one. And no Document Service write may
// touch an audit entry: the trail is append-only.
import type { Core } from '@strapi/strapi';
import { enforce } from '../access/refusal';
import { denials } from '../domain/denials';
import { canonicalJson, type AuditField } from '../domain/audit-chain';
import type { AuditAction, AuditInput } from '../services/audit';
import { AUDIT_ENTRY, CHANGE, DEPARTMENT, EXPECTED_HANDLER, GUIDE, GUIDE_FACT, GUIDE_SPEC, ITEM, MEMBERSHIP, RESPONSIBILITY_RULE, REVIEW, SITE_TEMPLATE, UNIT, isLinkageUid } from '../uids';
import type { DocumentMiddleware } from './validate-writes';

type AuditService = ReturnType<typeof import('../services/audit').default>;
type LocalesService = ReturnType<typeof import('../services/locales').default>;

const WRITE_ACTIONS: readonly string[] = ['create', 'clone', 'update', 'delete', 'publish', 'unpublish', 'discardDraft'];
// The public change feed and the report's tables (expected handlers, guide facts) are derived from
// the records, which are audited: nobody edits them.
const NOT_AUDITED: readonly string[] = [AUDIT_ENTRY, CHANGE, EXPECTED_HANDLER, GUIDE_FACT];
// Kept by Strapi on every row; never "a field the user changed".
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'locale', 'localizations', 'createdAt', 'updatedAt', 'publishedAt', 'firstPublishedAt', 'createdBy', 'updatedBy']);

/** Refuses every Document Service write to an audit entry, whoever asks: the trail is append-only. */
export const refuseAuditEntryWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (context.uid === AUDIT_ENTRY && WRITE_ACTIONS.includes(context.action)) enforce(strapi, denials.auditAppendOnly(context.action));
    return next();
  };

type Row = Record<string, unknown>;

interface WriteParams {
  documentId?: string;
  locale?: unknown;
  status?: string;
  data?: Row;
}

interface ModelFacts {
  readonly attributes: Record<string, { type: string; component?: string }>;
  readonly localized: boolean;
  readonly draftAndPublish: boolean;
}

export const auditWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isLinkageUid(context.uid) || NOT_AUDITED.includes(context.uid) || !WRITE_ACTIONS.includes(context.action)) return next();
    const audit = strapi.plugin('linkage').service('audit') as AuditService;
    const uid = context.uid;
    const action = context.action;
    const params = context.params as WriteParams;
    const model = modelFacts(strapi, uid);
    const written = writtenFields(model, params.data);

    return strapi.db.transaction(async () => {
      // Taken first, so that every write takes the audit lock before any other (one order, no deadlock).
      await audit.lock();
      const locale = model.localized ? await writtenLocale(strapi, params.locale) : null;
      const rowLocale = locale && locale !== '*' ? locale : null;
      const components = written.filter((f) => model.attributes[f]?.type === 'component');
      const before =
        params.documentId && (action === 'update' || action === 'delete')
          ? await draftRow(strapi, uid, model, params.documentId, rowLocale, action === 'update' ? components : [])
          : null;

      const result = (await next()) as (Row & { documentId?: string; entries?: Row[] }) | null;

      const entries: AuditInput[] = [];
      const entry = async (auditAction: AuditAction, row: Row | null, documentId: string | null | undefined, fields: AuditField[]) => {
        if (!row || !documentId) return;
        const subject = await describe(strapi, uid, row);
        entries.push({ action: auditAction, subjectUid: uid, subjectDocumentId: documentId, subjectKey: subject.key, unitCode: subject.unitCode, subjectLocale: locale, fields });
      };

      // What a create or an update wrote, for the publish that may come with it.
      let writtenRow: { row: Row; documentId: string } | null = null;
      switch (action) {
        case 'create':
          await entry(uid === MEMBERSHIP ? 'membership-add' : 'create', result, result?.documentId, given(written, params.data));
          if (result?.documentId) writtenRow = { row: result, documentId: result.documentId };
          break;
        case 'clone':
          await entry('clone', result?.entries?.[0] ?? null, result?.documentId, given(written, params.data));
          break;
        case 'update': {
          const documentId = params.documentId as string;
          const after = await draftRow(strapi, uid, model, documentId, rowLocale, components);
          if (!after) break;
          writtenRow = { row: after, documentId };
          // An update that adds a locale creates its row: the fields given are what was written.
          const changed = before ? changedFields(written, before, after) : given(written, params.data);
          const moved = uid === GUIDE && before !== null && before.unitCode !== after.unitCode;
          // A save that changed nothing (the Content Manager saves before it publishes) is no edit.
          if (before && changed.length === 0 && !moved) break;
          await entry(moved ? 'move' : 'update', after, documentId, moved && before ? withMoves(changed, before, after) : changed);
          break;
        }
        case 'delete':
          if ((result?.entries ?? []).length > 0) await entry(uid === MEMBERSHIP ? 'membership-remove' : 'delete', before ?? result?.entries?.[0] ?? null, params.documentId, []);
          break;
        default:
          // publish, unpublish, discardDraft: recorded only when some version was acted on.
          if ((result?.entries ?? []).length > 0) await entry(action === 'discardDraft' ? 'discard-draft' : (action as AuditAction), result?.entries?.[0] ?? null, params.documentId, []);
      }
      // create or update with status "published" publishes in the same call.
      if (writtenRow && params.status === 'published' && model.draftAndPublish) await entry('publish', writtenRow.row, writtenRow.documentId, []);
      for (const e of entries) await audit.append(e);
      return result;
    });
  };

function modelFacts(strapi: Core.Strapi, uid: string): ModelFacts {
  const model = strapi.getModel(uid as 'plugin::linkage.guide') as unknown as {
    attributes: ModelFacts['attributes'];
    options?: { draftAndPublish?: boolean };
    pluginOptions?: { i18n?: { localized?: boolean } };
  };
  return { attributes: model.attributes, localized: model.pluginOptions?.i18n?.localized === true, draftAndPublish: model.options?.draftAndPublish === true };
}

/** The locale a write on a localized type acts on: the one named, else Strapi's default. */
async function writtenLocale(strapi: Core.Strapi, locale: unknown): Promise<string | null> {
  if (typeof locale === 'string' && locale !== '') return locale;
  if (Array.isArray(locale)) return locale.join(',');
  // Strapi applies the default locale to every write that names none.
  return (strapi.plugin('linkage').service('locales') as LocalesService).defaultLocale();
}

/** The record's own fields named in the data written. */
function writtenFields(model: ModelFacts, data: Row | undefined): string[] {
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data)
    .filter((key) => key in model.attributes && !SYSTEM_FIELDS.has(key))
    .sort();
}

/** For a new record: the fields given a value. */
const given = (written: string[], data: Row | undefined): AuditField[] =>
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
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Row).filter(([k]) => k !== 'id' && k !== '__component' && k !== 'documentId').map(([k, x]) => [k, strip(x)]));
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

interface Subject {
  readonly key: string | null;
  readonly unitCode: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What a record is called in the trail, and the unit that owns it. */
async function describe(strapi: Core.Strapi, uid: string, row: Row): Promise<Subject> {
  switch (uid) {
    case GUIDE:
      return { key: `${row.itemCode}/${row.stageKey}/${row.unitCode}`, unitCode: text(row.unitCode) };
    case ITEM:
      return { key: text(row.code), unitCode: text(row.managingUnitCode) };
    case UNIT:
      return { key: text(row.code), unitCode: text(row.code) };
    case DEPARTMENT:
      return { key: text(row.code), unitCode: text(row.unitCode) };
    case MEMBERSHIP: {
      const user = (await strapi.db.query('admin::user').findOne({ where: { id: row.userId }, select: ['email'] })) as { email: string } | null;
      return { key: `${row.unitCode}/${user?.email ?? `user ${row.userId}`}`, unitCode: text(row.unitCode) };
    }
    case REVIEW: {
      // A guide's key ends with its owner unit.
      const key = text(row.subjectKey);
      return { key, unitCode: row.subjectUid === GUIDE && key ? (key.split('/')[2] ?? null) : null };
    }
    case SITE_TEMPLATE:
    case RESPONSIBILITY_RULE:
      return { key: text(row.key), unitCode: null };
    case GUIDE_SPEC:
      return { key: 'guide-spec', unitCode: null };
    default:
      return { key: text(row.documentId), unitCode: null };
  }
}
