// Validates JSON-LD documents against the CPSV-AP 3.2.0 SHACL shapes, offline: each document is
// turned into RDF by jsonld (in safe mode: a term it would drop is an error, not a silent loss; the
// release's context URL, if a document names it, is served from the copy in test/fixtures), the
// shapes are parsed by n3, and rdf-validate-shacl validates. An ES module, so run in a child process
// (test/support/shacl.ts). Usage: node cpsv-ap-shacl.mjs FILE...  →  one report per file on stdout.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cpsv-ap-3.2.0');
const OFFICIAL_CONTEXT = 'https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld';
const SHAPES_PREFIX = 'https://semiceu.github.io/CPSV-AP/releases/3.2.0//shacl/cpsv-ap-SHACL.ttl#';

const documentLoader = async (url) => {
  if (url === OFFICIAL_CONTEXT) return { contextUrl: null, documentUrl: url, document: JSON.parse(readFileSync(join(FIXTURES, 'cpsv-ap.jsonld'), 'utf8')) };
  throw new Error(`offline: the document asks for ${url}`);
};

const shapes = new N3.Store(new N3.Parser().parse(readFileSync(join(FIXTURES, 'cpsv-ap-SHACL.ttl'), 'utf8')));
const validator = new SHACLValidator(shapes);
const term = (t) => (t ? t.value : null);
const SH = 'http://www.w3.org/ns/shacl#';

const reports = [];
for (const file of process.argv.slice(2)) {
  try {
    const document = JSON.parse(readFileSync(file, 'utf8'));
    const nquads = await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader, safe: true });
    const data = new N3.Store(new N3.Parser({ format: 'N-Quads' }).parse(nquads));
    const report = await validator.validate(data);
    reports.push({
      file,
      triples: data.size,
      conforms: report.conforms,
      results: report.results.map((r) => ({
        shape: term(r.sourceShape)?.replace(SHAPES_PREFIX, '#') ?? null,
        constraint: term(r.sourceConstraintComponent)?.replace(SH, 'sh:') ?? null,
        focusNode: term(r.focusNode),
        path: term(r.path),
        value: term(r.value),
        message: r.message.map((m) => m.value).join(' '),
      })),
    });
  } catch (error) {
    reports.push({ file, error: String(error && error.message ? error.message : error) });
  }
}
process.stdout.write(JSON.stringify(reports));
