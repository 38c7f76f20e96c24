// The CPSV-AP 3.2.0 export of the published catalog (GET /api/linkage/exports/cpsv-ap.jsonld and
// `npm run catalog:export -- --format cpsv-ap FILE`), over the demo on a real database: it conforms
// to the release's SHACL shapes with 0 violations (rdf-validate-shacl, offline), exports made
// broken on purpose do not (each violation naming its shape), both locales are in it, its IRIs are
// rooted at LINKAGE_BASE_URL and the same in two exports, one item exports alone, parameters are
// refused by name, HTTP is as for every public answer, the command line writes the same document,
// and a draft is never exported.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { documentIdOf } from '../support/demo';
import { APP_DIR, TEST_TMP } from '../support/env';
import { validateCpsvAp, violations, type ShaclResult } from '../support/shacl';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const BASE = 'https://portal.qingdao.example/linkage';
const EXPORT = '/api/linkage/exports/cpsv-ap.jsonld';
const RETIREMENT_SLUG = 'enterprise-employee-retirement-certification';
const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';

interface Node {
  '@id': string;
  '@type': string;
  [property: string]: unknown;
}
interface Document {
  '@context': Record<string, string>;
  '@graph': Node[];
}

let t: TestStrapi;
const baseUrlBefore = process.env.LINKAGE_BASE_URL;
beforeAll(async () => {
  t = await startDemoStrapi({ env: { LINKAGE_BASE_URL: BASE } });
  await new Promise<void>((resolve) => t.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await t?.stop();
  // The environment outlives this file in its jest worker: the next file's Strapi must see it as it was.
  if (baseUrlBefore === undefined) delete process.env.LINKAGE_BASE_URL;
  else process.env.LINKAGE_BASE_URL = baseUrlBefore;
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly bytes: Buffer;
  readonly text: string;
}

/** The answer's bytes as sent, over a socket of its own (supertest would decode them). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = t.strapi.server.httpServer.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: url, headers: { 'Accept-Encoding': 'identity', ...headers }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, bytes, text: bytes.toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** The nodes defined (an @id with its @type), embedded ones included. */
function definedIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) definedIn(v, found);
  else if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if (typeof node['@id'] === 'string' && node['@type'] !== undefined) found.add(node['@id']);
    for (const v of Object.values(node)) definedIn(v, found);
  }
  return found;
}

/** The IRIs under the base URL that the document names but does not define (their type unknown, the shapes' class checks fail). */
const dangling = (document: Document): string[] => {
  const defined = definedIn(document['@graph']);
  return [...new Set(idsIn(document['@graph']))].filter((id) => id.startsWith(BASE) && !defined.has(id));
};

const parse = (text: string): Document => JSON.parse(text) as Document;
const ofType = (document: Document, type: string) => document['@graph'].filter((n) => n['@type'] === type);
const guidesOf = (document: Document) => ofType(document, 'cpsv:PublicService').filter((n) => String(n['dct:identifier']).includes('/'));

/** Every @id in the document, embedded nodes' and references' included. */
function idsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) idsIn(v, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '@id' && typeof v === 'string') found.push(v);
      else idsIn(v, found);
    }
  }
  return found;
}

describe('the whole published catalog', () => {
  let first: Answer;
  let document: Document;
  beforeAll(async () => {
    first = await get(EXPORT);
    document = parse(first.text);
  });

  test('is JSON-LD with its context inline, every published record in it', () => {
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(document['@context']).toMatchObject({ cpsv: 'http://purl.org/vocab/cpsv#', cv: 'http://data.europa.eu/m8g/', dct: 'http://purl.org/dc/terms/' });
    expect(ofType(document, 'dct:Location')).toHaveLength(26);
    expect(ofType(document, 'cv:PublicOrganisation')).toHaveLength(61);
    expect(guidesOf(document)).toHaveLength(88);
    expect(ofType(document, 'cpsv:PublicService').length - guidesOf(document).length).toBe(4);
  });

  test('conforms to the CPSV-AP 3.2.0 SHACL shapes: 0 violations', async () => {
    const [report] = await validateCpsvAp([first.text]);
    expect(violations(report)).toEqual([]);
    expect(report).toMatchObject({ conforms: true });
    expect(report.triples).toBeGreaterThan(5000);
  });

  test('has both locales: every guide titled in zh-Hans and en', () => {
    for (const guide of guidesOf(document)) {
      expect((guide['dct:title'] as Array<{ '@language': string }>).map((l) => l['@language']).sort()).toEqual(['en', 'zh-Hans']);
    }
    const jiaozhou = guidesOf(document).find((g) => g['dct:identifier'] === 'QD-SI-001/district-review/370281000000');
    expect(jiaozhou?.['dct:title']).toEqual([
      { '@value': '企业职工退休认证 · 区(市)社会保险经办机构审核 · 胶州市', '@language': 'zh-Hans' },
      { '@value': 'Retirement certification for enterprise employees · Review by the district or county-level city social insurance agency · Jiaozhou City', '@language': 'en' },
    ]);
  });

  test('mints every IRI under LINKAGE_BASE_URL (only policies and online links point elsewhere), and the same ones in a second export', async () => {
    const ids = idsIn(document['@graph']);
    const outside = [...new Set(ids.filter((id) => !id.startsWith(`${BASE}/id/`)))];
    const external = new Set(
      guidesOf(document).flatMap((g) => ((g['cv:hasChannel'] as Node[] | undefined) ?? []).map((c) => (c['foaf:page'] as { '@id': string } | undefined)?.['@id']))
    );
    for (const policy of ofType(document, 'eli:LegalResource')) external.add((policy['foaf:page'] as { '@id': string })['@id']);
    expect(outside.filter((id) => !external.has(id))).toEqual([]);
    expect(dangling(document)).toEqual([]);
    const second = await get(EXPORT);
    expect(idsIn(parse(second.text)['@graph'])).toEqual(ids);
    expect(second.text).toBe(first.text);
  });

  test('is sent as every public answer is: weak ETag, Last-Modified, 304s, gzip and brotli', async () => {
    expect(first.headers.etag).toMatch(/^W\/"cpsv-ap-[\w-]+"$/);
    expect(first.headers['last-modified']).toMatch(/GMT$/);
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=0/);
    expect((await get(EXPORT, { 'If-None-Match': first.headers.etag })).status).toBe(304);
    expect((await get(EXPORT, { 'If-None-Match': first.headers.etag.replace(/^W\//, '') })).status).toBe(304);
    expect((await get(EXPORT, { 'If-Modified-Since': first.headers['last-modified'] })).status).toBe(304);
    const gzip = await get(EXPORT, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).toString('utf8')).toBe(first.text);
    const br = await get(EXPORT, { 'Accept-Encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.bytes).toString('utf8')).toBe(first.text);
    expect(br.bytes.length).toBeLessThan(first.bytes.length / 5);
  });

  describe('the check can fail: an export broken on purpose is refused, naming the shape it breaks', () => {
    const broken = (edit: (graph: Node[]) => void): string => {
      const copy = parse(first.text);
      edit(copy['@graph']);
      return JSON.stringify(copy);
    };
    const jiaozhou = (graph: Node[]) => graph.find((n) => n['dct:identifier'] === 'QD-SI-001/district-review/370281000000') as Node;
    const rows: Array<[string, (graph: Node[]) => void, Partial<ShaclResult>]> = [
      [
        'a public service without its identifier',
        (graph) => delete jiaozhou(graph)['dct:identifier'],
        { constraint: 'sh:MinCountConstraintComponent', path: 'http://purl.org/dc/terms/identifier' },
      ],
      [
        'an untagged string where language-tagged text is required',
        (graph) => (jiaozhou(graph)['dct:title'] = '企业职工退休认证'),
        { constraint: 'sh:DatatypeConstraintComponent', path: 'http://purl.org/dc/terms/title', value: '企业职工退休认证' },
      ],
      [
        'a processing time that is not an xsd:duration',
        (graph) => (jiaozhou(graph)['cv:processingTime'] = { '@value': '15 working days', '@type': 'xsd:duration' }),
        { constraint: 'sh:DatatypeConstraintComponent', path: 'http://data.europa.eu/m8g/processingTime', value: '15 working days' },
      ],
      [
        'a processing time as plain text',
        (graph) => (jiaozhou(graph)['cv:processingTime'] = 'P15D'),
        { constraint: 'sh:DatatypeConstraintComponent', path: 'http://data.europa.eu/m8g/processingTime', value: 'P15D' },
      ],
    ];
    const departmentRow: [string, (graph: Node[]) => void] = [
      'a public organisation without its area',
      (graph) => delete (graph.find((n) => n['dct:identifier'] === '370281-SI') as Node)['dct:spatial'],
    ];

    test('each broken export has exactly the violation made, and names its shape', async () => {
      const reports = await validateCpsvAp([...rows.map(([, edit]) => broken(edit)), broken(departmentRow[1])]);
      rows.forEach(([what, , expected], i) => {
        expect({ what, conforms: reports[i].conforms }).toEqual({ what, conforms: false });
        expect(reports[i].results).toHaveLength(1);
        expect(reports[i].results?.[0]).toMatchObject({ ...expected, focusNode: `${BASE}/id/items/QD-SI-001/stages/district-review/units/370281000000` });
        expect(violations(reports[i])[0]).toMatch(/^PublicServiceShape: /);
      });
      const department = reports[rows.length];
      expect(department.results).toEqual([
        expect.objectContaining({ constraint: 'sh:MinCountConstraintComponent', path: 'http://purl.org/dc/terms/spatial', focusNode: `${BASE}/id/departments/370281-SI` }),
      ]);
      expect(violations(department)[0]).toMatch(/^PublicOrganisationShape: /);
    });
  });

  test('the command line writes the same document to a file', async () => {
    const file = path.join(TEST_TMP, `${process.pid}-cpsv-ap.jsonld`);
    try {
      const { stderr } = await promisify(execFile)('node', [path.join(APP_DIR, 'scripts', 'catalog.js'), 'export', '--format', 'cpsv-ap', file], {
        cwd: APP_DIR,
        env: { ...process.env, ...t.database.env, LINKAGE_BASE_URL: BASE },
      });
      expect(stderr).toMatch(/Exported the published catalog as CPSV-AP 3\.2\.0 JSON-LD to /);
      expect(fs.readFileSync(file, 'utf8')).toBe(first.text);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe('one item', () => {
  test('by its slug or its code: its guides and own nodes as in the whole export, with the departments and areas it names; it conforms', async () => {
    const whole = parse((await get(EXPORT)).text);
    const bySlug = await get(`${EXPORT}?item=${RETIREMENT_SLUG}`);
    expect(bySlug.status).toBe(200);
    expect((await get(`${EXPORT}?item=QD-SI-001`)).text).toBe(bySlug.text);
    expect(bySlug.headers.etag).not.toBe((await get(EXPORT)).headers.etag);
    const one = parse(bySlug.text);
    const services = ofType(one, 'cpsv:PublicService').map((n) => String(n['dct:identifier']));
    expect(services.every((id) => id === 'QD-SI-001' || id.startsWith('QD-SI-001/'))).toBe(true);
    expect(guidesOf(one)).toEqual(guidesOf(whole).filter((g) => String(g['dct:identifier']).startsWith('QD-SI-001/')));
    expect(dangling(one)).toEqual([]);
    expect(ofType(one, 'dct:Location').map((n) => n['dct:identifier'])).toContain('370200000000');
    const [report] = await validateCpsvAp([bySlug.text]);
    expect(violations(report)).toEqual([]);
  });
});

describe('refused', () => {
  test.each([
    ['an unknown parameter (the export has every locale)', '?locale=en', 400, 'locale'],
    ['a parameter given twice', '?item=a&item=b', 400, 'item'],
    ['an empty item', '?item=', 400, 'item'],
    ['an item no published item has', '?item=no-such-item', 404, 'item'],
  ])('%s: %s → %d naming %s', async (_what, query, status, parameter) => {
    const res = await t.http.get(`${EXPORT}${query}`);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body.error)).toContain(parameter);
  });
});

describe('a draft is never exported', () => {
  test("a published guide's unpublished edit, a guide that is only a draft, and an unpublished item are not in it", async () => {
    const before = await get(EXPORT);
    const documents = (uid: string) => t.strapi.documents(uid as 'plugin::linkage.guide');
    const jiaozhou = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000' });
    await documents(GUIDE).update({ documentId: jiaozhou, locale: 'zh-Hans', data: { fee: 'DRAFT-FEE' } as never });
    // 莱西市's retirement review is missing from the demo: here it is begun, as a draft.
    await documents(GUIDE).create({
      locale: 'zh-Hans',
      data: { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370285000000', departmentCode: '370285-SI', address: 'DRAFT-ADDRESS' } as never,
    });
    const medical = await documentIdOf(t.strapi, ITEM, { code: 'QD-MI-001' });
    await t.strapi.documents(ITEM as 'plugin::linkage.item').unpublish({ documentId: medical, locale: '*' });

    const after = await get(EXPORT);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.text).not.toMatch(/DRAFT-/);
    const document = parse(after.text);
    expect(document['@graph'].filter((n) => String(n['dct:identifier']).startsWith('QD-MI-001'))).toEqual([]);
    expect(guidesOf(document).map((g) => g['dct:identifier'])).not.toContain('QD-SI-001/district-review/370285000000');
    const fee = guidesOf(document).find((g) => g['dct:identifier'] === 'QD-SI-001/district-review/370281000000')?.['cv:hasCost'] as Node;
    expect(fee['dct:description']).toEqual([
      { '@value': '不收费', '@language': 'zh-Hans' },
      { '@value': 'Free of charge', '@language': 'en' },
    ]);
    expect((await get(`${EXPORT}?item=resident-medical-insurance-enrolment`)).status).toBe(404);
    const [report] = await validateCpsvAp([after.text]);
    expect(violations(report)).toEqual([]);
  });
});
