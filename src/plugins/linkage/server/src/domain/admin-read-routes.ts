// Which records an admin API request reads, for the read gate: the admin routes of Strapi and its
// plugins that can name a linkage type, each with where its records come from. Conditions guard the
// Content Manager's list and single read, not every route (bulkFindForValidation and i18n's
// get-non-localized-fields read without them), so every named record is checked against the same
// read permission, conditions included, before the route runs. A route that names a linkage type and
// is not listed here is refused: a route a future Strapi adds stays closed until it is reviewed.
import type { GuideVerb } from './denials';

/** Where a route finds the records it reads. */
type Source =
  /** Names a type and no particular record (a list filtered by the conditions, a layout, a slug suggestion). */
  | { readonly records: 'none' }
  | { readonly records: 'documents'; readonly from: 'params.id' | 'params.sourceId' | 'params.documentId' | 'query.documentId' | 'query.documentIds' | 'body.documentIds' }
  /** A row by its numeric id. */
  | { readonly records: 'row'; readonly from: 'body.id' };

interface Reviewed {
  readonly source: Source;
  /** What the route does with its records, for a refusal's wording. */
  readonly verb: GuideVerb;
}

const none: Source = { records: 'none' };
const docs = (from: Extract<Source, { records: 'documents' }>['from']): Source => ({ records: 'documents', from });
const CM = '/content-manager/collection-types/:model';
const ST = '/content-manager/single-types/:model';

/** Reviewed routes by "METHOD /path" as the router names them. */
export const REVIEWED_ROUTES: Readonly<Record<string, Reviewed>> = {
  [`GET ${CM}`]: { source: none, verb: 'read' },
  [`POST ${CM}`]: { source: none, verb: 'create' },
  [`POST ${CM}/actions/publish`]: { source: none, verb: 'publish' },
  [`GET ${CM}/:id`]: { source: docs('params.id'), verb: 'read' },
  [`PUT ${CM}/:id`]: { source: docs('params.id'), verb: 'update' },
  [`DELETE ${CM}/:id`]: { source: docs('params.id'), verb: 'delete' },
  [`GET ${CM}/:id/actions/countDraftRelations`]: { source: docs('params.id'), verb: 'read' },
  [`POST ${CM}/:id/actions/publish`]: { source: docs('params.id'), verb: 'publish' },
  [`POST ${CM}/:id/actions/unpublish`]: { source: docs('params.id'), verb: 'unpublish' },
  [`POST ${CM}/:id/actions/discard`]: { source: docs('params.id'), verb: 'discardDraft' },
  [`GET ${CM}/actions/countManyEntriesDraftRelations`]: { source: docs('query.documentIds'), verb: 'read' },
  [`POST ${CM}/actions/bulkFindForValidation`]: { source: docs('body.documentIds'), verb: 'read' },
  [`POST ${CM}/actions/bulkPublish`]: { source: docs('body.documentIds'), verb: 'publish' },
  [`POST ${CM}/actions/bulkUnpublish`]: { source: docs('body.documentIds'), verb: 'unpublish' },
  [`POST ${CM}/actions/bulkDelete`]: { source: docs('body.documentIds'), verb: 'delete' },
  [`POST ${CM}/clone/:sourceId`]: { source: docs('params.sourceId'), verb: 'clone' },
  [`POST ${CM}/auto-clone/:sourceId`]: { source: docs('params.sourceId'), verb: 'clone' },
  // Single types have one record, guarded by the type's permission.
  [`GET ${ST}`]: { source: none, verb: 'read' },
  [`PUT ${ST}`]: { source: none, verb: 'update' },
  [`DELETE ${ST}`]: { source: none, verb: 'delete' },
  [`GET ${ST}/actions/countDraftRelations`]: { source: none, verb: 'read' },
  [`POST ${ST}/actions/publish`]: { source: none, verb: 'publish' },
  [`POST ${ST}/actions/unpublish`]: { source: none, verb: 'unpublish' },
  [`POST ${ST}/actions/discard`]: { source: none, verb: 'discardDraft' },
  // The relation picker's results are filtered by the plugin (relation-picker.ts).
  'GET /content-manager/relations/:model/:targetField': { source: none, verb: 'read' },
  'GET /content-manager/relations/:model/:id/:targetField': { source: docs('params.id'), verb: 'read' },
  // Layouts and slugs: no record's content.
  'GET /content-manager/content-types/:uid/configuration': { source: none, verb: 'read' },
  'PUT /content-manager/content-types/:uid/configuration': { source: none, verb: 'update' },
  'POST /content-manager/uid/generate': { source: none, verb: 'read' },
  'POST /content-manager/uid/check-availability': { source: none, verb: 'read' },
  'GET /content-manager/preview/url/:contentType': { source: docs('query.documentId'), verb: 'read' },
  // i18n
  'POST /i18n/content-manager/actions/get-non-localized-fields': { source: { records: 'row', from: 'body.id' }, verb: 'read' },
  'GET /i18n/content-manager/get-fill-from-locale/:model': { source: docs('query.documentId'), verb: 'read' },
  'GET /i18n/ai-localization-jobs/collection-types/:contentType/:documentId': { source: docs('params.documentId'), verb: 'read' },
  'GET /i18n/ai-localization-jobs/single-types/:contentType': { source: none, verb: 'read' },
  // The content-type builder shows and edits schemas only (super admins by default).
  'GET /content-type-builder/content-types/:uid': { source: none, verb: 'read' },
  'PUT /content-type-builder/content-types/:uid': { source: none, verb: 'update' },
  'DELETE /content-type-builder/content-types/:uid': { source: none, verb: 'delete' },
};

/** What a request gives the gate to look at. */
export interface AdminRequest {
  /** "METHOD /path" of the matched route. */
  readonly route: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

export type RequestReads =
  /** The request names no linkage type. */
  | { readonly kind: 'none' }
  /** It names one on a route the plugin has not reviewed: refused. */
  | { readonly kind: 'unreviewed'; readonly uid: string }
  /** A reviewed route that reads no particular record: Strapi's own permission check applies. */
  | { readonly kind: 'type'; readonly uid: string; readonly verb: GuideVerb }
  | { readonly kind: 'documents'; readonly uid: string; readonly verb: GuideVerb; readonly documentIds: readonly string[] }
  | { readonly kind: 'row'; readonly uid: string; readonly verb: GuideVerb; readonly id: number };

const MODEL_KEYS = ['model', 'uid', 'contentType', 'contentTypeUID'] as const;

const record = (value: unknown): Readonly<Record<string, unknown>> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The content types a request names, wherever it names them: path parameters, query and body
 * (`model`, `uid`, `contentType`, `contentTypeUID`), and the target of a relation field.
 */
export function namedTypes(request: AdminRequest, relationTarget: (model: string, field: string) => string | undefined): string[] {
  const body = record(request.body);
  const named = new Set<string>();
  for (const source of [request.params, request.query, body]) for (const key of MODEL_KEYS) for (const value of strings(source[key])) named.add(value);
  const model = request.params.model;
  const field = request.params.targetField;
  if (typeof model === 'string' && typeof field === 'string') {
    const target = relationTarget(model, field);
    if (target) named.add(target);
  }
  return [...named];
}

function recordsOf(source: Source, request: AdminRequest): { documentIds: string[] } | { id: number } | null {
  if (source.records === 'none') return null;
  if (source.records === 'row') {
    const raw = record(request.body).id;
    const id = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
    return { id: Number.isSafeInteger(id) ? id : NaN };
  }
  const [where, key] = source.from.split('.') as ['params' | 'query' | 'body', string];
  const from = where === 'params' ? request.params : where === 'query' ? request.query : record(request.body);
  return { documentIds: strings(from[key]) };
}

/** What the gate must check for this request, given which uids are the plugin's. */
export function requestReads(request: AdminRequest, isLinkageUid: (uid: string) => boolean, relationTarget: (model: string, field: string) => string | undefined): RequestReads {
  const linkage = namedTypes(request, relationTarget).filter(isLinkageUid);
  if (linkage.length === 0) return { kind: 'none' };
  const reviewed = REVIEWED_ROUTES[request.route];
  // A relation route names its model and the field's target: the model is whose records it reads.
  const uid = typeof request.params.model === 'string' && isLinkageUid(request.params.model) ? request.params.model : linkage[0];
  if (!reviewed) return { kind: 'unreviewed', uid };
  const records = recordsOf(reviewed.source, request);
  if (records === null) return { kind: 'type', uid, verb: reviewed.verb };
  if ('id' in records) return { kind: 'row', uid, verb: reviewed.verb, id: records.id };
  return { kind: 'documents', uid, verb: reviewed.verb, documentIds: records.documentIds };
}
