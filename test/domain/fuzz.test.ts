// Property-based fuzzing (fast-check) of the domain's parsers and access decisions with arbitrary
// input: none throws, every refusal names the field or parameter it is about, and the rules that
// guard confidentiality hold for every input (no foreign origin is granted credentials, a web link
// is always http(s), an unreviewed route naming a linkage type is never let through).
import fc from 'fast-check';
import { auditFilterOf } from '../../src/plugins/linkage/server/src/controllers/audit';
import { requestReads } from '../../src/plugins/linkage/server/src/domain/admin-read-routes';
import { adminLanguage } from '../../src/plugins/linkage/server/src/domain/admin-language';
import { parseAnswers } from '../../src/plugins/linkage/server/src/domain/answers';
import { catalogSchemaProblems } from '../../src/plugins/linkage/server/src/domain/catalog-schema';
import { corsDecision } from '../../src/plugins/linkage/server/src/domain/cors';
import { negotiateLocale } from '../../src/plugins/linkage/server/src/domain/locale-negotiation';
import { parseRecordsParams, parseReportParams } from '../../src/plugins/linkage/server/src/domain/ownership-report';
import { noteProblem } from '../../src/plugins/linkage/server/src/domain/review-access';
import { unitCodeProblem } from '../../src/plugins/linkage/server/src/domain/unit-codes';
import { blankFormProblem, webUrlProblem } from '../../src/plugins/linkage/server/src/domain/web-urls';
import { demoItem, demoUnitIndex, loadDemo } from './demo-fixtures';

const RUNS = { numRuns: 200 };

/** Query-string-like values: text, arrays of text, nested objects, numbers, nothing. */
const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u0000', '-1', '0', '1e309', 'NaN', '__proto__', 'constructor', '9'.repeat(40), '<script>alert(1)</script>', "'; DROP TABLE x; --"),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
  fc.integer(),
  fc.constant(undefined)
);

describe('the navigator’s answers', () => {
  const item = demoItem('QD-SI-001');
  const units = demoUnitIndex();
  test('any answers: never throws; each problem names an answer that was given', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...item.questions.map((q) => q.key))), queryValue, { maxKeys: 6 }), (raw) => {
        const { problems } = parseAnswers(raw as Record<string, unknown>, item, units);
        for (const p of problems) expect(Object.keys(raw)).toContain(p.path[0]);
      }),
      RUNS
    );
  });
});

describe('the report’s and the audit trail’s parameters', () => {
  const context = { cityCode: '370200000000', unitExists: (code: string) => code.startsWith('3702'), domains: new Set(['social-security']), today: '2026-05-01' };
  const names = ['unit', 'subtree', 'level', 'domain', 'asOf', 'format', 'owner', 'category', 'limit', 'offset', 'page', 'pageSize', 'subject', 'user', 'since'];
  const query = fc.dictionary(fc.constantFrom(...names), queryValue, { maxKeys: 6 });

  test('report and records: never throws; a refusal names one of the parameters', () => {
    fc.assert(
      fc.property(query, (q) => {
        for (const parsed of [parseReportParams(q, context), parseRecordsParams(q, context)]) {
          if (!parsed.ok) {
            expect(names).toContain(parsed.problem.parameter);
            expect(parsed.problem.reason).not.toBe('');
          }
        }
      }),
      RUNS
    );
  });

  test('audit: never throws; each problem names a parameter that was given', () => {
    fc.assert(
      fc.property(query, (q) => {
        const parsed = auditFilterOf(q);
        if ('problems' in parsed) for (const p of parsed.problems) expect(Object.keys(q)).toContain(p.path[0]);
      }),
      RUNS
    );
  });
});

describe('links', () => {
  test('whatever is accepted is an absolute http(s) address with a host and nothing hidden in it', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'JAVASCRIPT:x', 'data:text/html,x', ' https://x.example', 'https://x.example\n', '//x.example')),
        (value) => {
          if (webUrlProblem(value) !== null) return;
          const url = new URL(value);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.hostname).not.toBe('');
          expect(value).not.toMatch(/\s/);
        }
      ),
      RUNS
    );
  });

  test('every web address fast-check makes (no credentials) is accepted', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) => expect(webUrlProblem(url)).toBeNull()),
      RUNS
    );
  });

  test('no scheme but http(s) passes as a blank form, however it is spaced or cased', () => {
    fc.assert(
      fc.property(fc.constantFrom('javascript', 'data', 'vbscript', 'file', 'ftp'), fc.constantFrom('', ' ', '\t', '\n'), fc.string(), (scheme, gap, rest) => {
        const spaced = `${scheme.slice(0, 2)}${gap}${scheme.slice(2)}:${rest}`;
        expect(blankFormProblem(spaced)).not.toBeNull();
        expect(blankFormProblem(spaced.toUpperCase())).not.toBeNull();
      }),
      RUNS
    );
  });
});

describe('codes, notes, catalog files, languages', () => {
  test('a unit code is twelve digits that fit the level, whatever else is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), fc.constantFrom('city', 'district', 'street', 'community') as fc.Arbitrary<'city'>, (code, level) => {
        const reason = unitCodeProblem(code, level);
        if (reason === null) expect(String(code)).toMatch(/^\d{12}$/);
      }),
      RUNS
    );
  });

  test('a note: never throws; too long or not text is named', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2500 }), fc.integer(), fc.object()), (note) => {
        const reason = noteProblem(note);
        if (typeof note !== 'string' || note.length > 2000) expect(reason).not.toBeNull();
        else expect(reason).toBeNull();
      }),
      RUNS
    );
  });

  test('a catalog file of any shape: never throws; anything but a catalog has problems, each with a path', () => {
    const demo = loadDemo();
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ format: fc.constantFrom('linkage-catalog/1', 'x'), units: fc.jsonValue(), items: fc.jsonValue() })), (value) => {
        const problems = catalogSchemaProblems(value);
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) expect(Array.isArray(p.path)).toBe(true);
      }),
      RUNS
    );
    expect(catalogSchemaProblems(demo)).toEqual([]);
  });

  test('languages: any header and profile give one of the two languages; locales one of the configured', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), queryValue, (preferred, header, requested) => {
        expect(['en', 'zh-Hans']).toContain(adminLanguage(preferred ?? null, header ?? undefined));
        expect(['zh-Hans', 'en']).toContain(negotiateLocale(requested, header ?? undefined, ['zh-Hans', 'en']).locale);
      }),
      RUNS
    );
  });
});

describe('access', () => {
  const origin = fc.oneof(
    fc.webUrl().map((u) => new URL(u).origin),
    fc.string(),
    fc.constant('null')
  );
  test('CORS: no origin but the admin’s own or a configured one is ever granted credentials; the public API never is', () => {
    fc.assert(
      fc.property(
        origin,
        fc.constantFrom('/admin/access-token', '/content-manager/x', '/linkage/me', '/api/linkage/units', '/sites/370200000000', '/uploads/a.pdf'),
        fc.constantFrom('GET', 'POST', 'OPTIONS'),
        (o, path, method) => {
          const host = 'admin.qingdao.example';
          const decision = corsDecision({ path, method, origin: o, host, preflightMethod: method === 'OPTIONS' ? 'POST' : undefined, requestedHeaders: undefined }, [
            'https://ops.qingdao.example',
          ]);
          if (decision.kind !== 'grant') return;
          if (decision.headers['Access-Control-Allow-Credentials'] === 'true') {
            expect([`http://${host}`, `https://${host}`, 'https://ops.qingdao.example']).toContain(o);
            expect(path.startsWith('/api') || path.startsWith('/sites') || path.startsWith('/uploads')).toBe(false);
          } else {
            expect(decision.headers['Access-Control-Allow-Origin']).toBe('*');
          }
        }
      ),
      { numRuns: 500 }
    );
  });

  test('the read gate: any request naming a linkage type is either on a reviewed route or refused; none throws', () => {
    const isLinkage = (uid: string) => uid.startsWith('plugin::linkage.');
    fc.assert(
      fc.property(
        fc.constantFrom(
          'GET /content-manager/collection-types/:model/:id',
          'POST /content-manager/collection-types/:model/actions/bulkFindForValidation',
          'GET /future/:model',
          'POST /i18n/content-manager/actions/get-non-localized-fields'
        ),
        fc.dictionary(fc.constantFrom('model', 'uid', 'contentType', 'id', 'documentId', 'targetField'), fc.oneof(fc.constant('plugin::linkage.guide'), fc.string()), {
          maxKeys: 4,
        }),
        fc.dictionary(fc.constantFrom('model', 'contentTypeUID', 'documentIds', 'id'), fc.oneof(fc.constant('plugin::linkage.guide'), queryValue), { maxKeys: 4 }),
        (route, params, body) => {
          const reads = requestReads({ route, params, query: {}, body }, isLinkage, () => undefined);
          const modelKeys = ['model', 'uid', 'contentType', 'contentTypeUID'];
          const names = [...Object.entries(params), ...Object.entries(body)].some(([k, v]) => modelKeys.includes(k) && v === 'plugin::linkage.guide');
          if (!names) expect(reads.kind).toBe('none');
          if (names && route === 'GET /future/:model') expect(reads.kind).toBe('unreviewed');
        }
      ),
      { numRuns: 500 }
    );
  });
});
