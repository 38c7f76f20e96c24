import { namedTypes, requestReads } from '../../src/plugins/linkage/server/src/domain/admin-read-routes';

const GUIDE = 'plugin::linkage.guide';
const isLinkage = (uid: string) => uid.startsWith('plugin::linkage.');
const noRelation = () => undefined;
const reads = (route: string, params: Record<string, unknown> = {}, query: Record<string, unknown> = {}, body: unknown = undefined) =>
  requestReads({ route, params, query, body }, isLinkage, noRelation);

test('a request naming no linkage type is none of the gate’s business', () => {
  expect(reads('GET /content-manager/collection-types/:model/:id', { model: 'api::page.page', id: 'x' })).toEqual({ kind: 'none' });
  expect(reads('GET /admin/users/:id', { id: '3' })).toEqual({ kind: 'none' });
});

test('the documents a reviewed route reads, from its path, query or body, with what it does to them', () => {
  expect(reads('GET /content-manager/collection-types/:model/:id', { model: GUIDE, id: 'd1' })).toEqual({ kind: 'documents', uid: GUIDE, verb: 'read', documentIds: ['d1'] });
  expect(reads('POST /content-manager/collection-types/:model/actions/bulkFindForValidation', { model: GUIDE }, {}, { documentIds: ['d1', 'd2', 5] })).toEqual({
    kind: 'documents',
    uid: GUIDE,
    verb: 'read',
    documentIds: ['d1', 'd2'],
  });
  expect(reads('POST /content-manager/collection-types/:model/actions/bulkPublish', { model: GUIDE }, {}, { documentIds: ['d1'] })).toMatchObject({ verb: 'publish' });
  expect(reads('GET /i18n/content-manager/get-fill-from-locale/:model', { model: GUIDE }, { documentId: 'd3' })).toMatchObject({ documentIds: ['d3'] });
  expect(reads('POST /i18n/content-manager/actions/get-non-localized-fields', {}, {}, { model: GUIDE, id: '42' })).toEqual({ kind: 'row', uid: GUIDE, verb: 'read', id: 42 });
  expect(reads('POST /i18n/content-manager/actions/get-non-localized-fields', {}, {}, { model: GUIDE, id: { $gt: 0 } })).toMatchObject({ kind: 'row', id: NaN });
});

test('a list or a layout reads no particular record: Strapi’s conditions apply', () => {
  expect(reads('GET /content-manager/collection-types/:model', { model: GUIDE })).toEqual({ kind: 'type', uid: GUIDE, verb: 'read' });
  expect(reads('GET /content-manager/content-types/:uid/configuration', { uid: GUIDE })).toMatchObject({ kind: 'type' });
});

test('a route the plugin has not reviewed is refused once it names a linkage type, wherever it names it', () => {
  expect(reads('GET /future/:model', { model: GUIDE })).toEqual({ kind: 'unreviewed', uid: GUIDE });
  expect(reads('POST /future', {}, {}, { contentTypeUID: GUIDE })).toEqual({ kind: 'unreviewed', uid: GUIDE });
  expect(reads('GET /future', {}, { contentType: [GUIDE] })).toEqual({ kind: 'unreviewed', uid: GUIDE });
});

test('a relation field pointing at a linkage type names it', () => {
  const target = (model: string, field: string) => (model === 'api::page.page' && field === 'guide' ? GUIDE : undefined);
  expect(namedTypes({ route: 'GET /x', params: { model: 'api::page.page', targetField: 'guide' }, query: {}, body: undefined }, target)).toEqual(['api::page.page', GUIDE]);
});
