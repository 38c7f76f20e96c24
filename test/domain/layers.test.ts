// The plugin's layers hold: every import of server/src/** and admin/src/** (read with TypeScript's
// own parser, type imports included) goes where the table below allows. A new import that crosses
// a layer fails here, naming the file, the import and the rule.
//
//   domain       pure decisions: only domain (and a few pure libraries); no Strapi, no I/O
//   contracts    the admin routes' response shapes: types only, importing nothing but contracts
//   services     load and store: domain, other services, contracts, the write-trust flag; never
//                access/, controllers/ or the write pipeline
//   controllers  translate HTTP: services, domain, contracts, the request's actor; no database
//   writes       the write pipeline (document-service/ until writes/ replaces it; the write guard):
//                services, domain, access
//   admin        the admin pages: the server only through contracts (and domain's shared texts)
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const PLUGIN = path.resolve(__dirname, '../../src/plugins/linkage');

type Layer =
  | 'domain'
  | 'data'
  | 'contracts'
  | 'services'
  | 'controllers'
  | 'access'
  | 'actor'
  | 'writes'
  | 'write-trust'
  | 'get-service'
  | 'uids'
  | 'request-language'
  | 'http-errors'
  | 'policies'
  | 'middlewares'
  | 'routes'
  | 'templates'
  | 'wiring'
  | 'admin';

/** Which layer a file (its path under src/plugins/linkage) is in; the first match wins. */
const LAYERS: ReadonlyArray<readonly [RegExp, Layer]> = [
  [/^admin\/src\//, 'admin'],
  [/^server\/src\/domain\//, 'domain'],
  [/^server\/src\/(catalog|openapi)\/.*\.json$/, 'data'],
  [/^server\/src\/contracts\//, 'contracts'],
  [/^server\/src\/services\//, 'services'],
  [/^server\/src\/controllers\//, 'controllers'],
  [/^server\/src\/(write-trust\.ts|document-service\/trusted-writes\.ts|writes\/write-trust\.ts)$/, 'write-trust'],
  // The lead replaces document-service/ (and the write guard) by writes/: both are the pipeline.
  [/^server\/src\/(document-service|writes)\//, 'writes'],
  [/^server\/src\/access\/write-guard\.ts$/, 'writes'],
  [/^server\/src\/access\/actor\.ts$/, 'actor'],
  [/^server\/src\/access\//, 'access'],
  [/^server\/src\/get-service\.ts$/, 'get-service'],
  [/^server\/src\/uids\.ts$/, 'uids'],
  [/^server\/src\/request-language\.ts$/, 'request-language'],
  [/^server\/src\/http-errors\.ts$/, 'http-errors'],
  [/^server\/src\/policies\//, 'policies'],
  [/^server\/src\/middlewares\//, 'middlewares'],
  [/^server\/src\/routes\//, 'routes'],
  [/^server\/src\/site-templates\/(routes|seed)\.ts$/, 'wiring'],
  [/^server\/src\/site-templates\//, 'templates'],
  [/^server\/src\/(index|bootstrap|register|destroy|config|graceful-shutdown)\.ts$/, 'wiring'],
  [/^server\/src\/(content-types|components|custom-fields)\//, 'wiring'],
  // Boot self-checks of what the plugin patches in Strapi (docs/adr): part of the boot.
  [/^server\/src\/internals\//, 'wiring'],
];

const SERVER_LAYERS: readonly Layer[] = LAYERS.map(([, layer]) => layer).filter((l) => l !== 'admin');

/** What each layer may import. */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  domain: ['domain', 'data'],
  data: [],
  // Contracts may name the domain's own types (types only: no runtime import).
  contracts: ['contracts', 'domain'],
  services: ['services', 'domain', 'data', 'contracts', 'write-trust', 'get-service', 'uids', 'templates'],
  controllers: ['controllers', 'services', 'domain', 'data', 'contracts', 'actor', 'get-service', 'uids', 'request-language', 'http-errors'],
  access: ['access', 'actor', 'services', 'domain', 'contracts', 'get-service', 'uids', 'request-language', 'http-errors'],
  actor: ['services', 'domain', 'get-service', 'uids'],
  writes: ['writes', 'write-trust', 'services', 'domain', 'access', 'actor', 'contracts', 'get-service', 'uids', 'request-language', 'http-errors'],
  'write-trust': ['domain'],
  'get-service': ['services'],
  uids: [],
  'request-language': ['domain'],
  'http-errors': ['domain', 'request-language'],
  policies: ['policies', 'access', 'actor', 'services', 'domain', 'get-service', 'uids', 'request-language', 'http-errors'],
  middlewares: ['middlewares', 'services', 'domain', 'get-service', 'uids', 'http-errors'],
  routes: ['routes', 'policies', 'domain', 'uids'],
  templates: ['templates', 'domain'],
  wiring: SERVER_LAYERS,
  // The admin shares the domain's pure texts and rules (field names, vocabulary, levels): the same words on both sides.
  admin: ['admin', 'contracts', 'domain'],
};

/** The only packages the domain may use: pure computation, no Strapi, no I/O. */
const PURE_LIBRARIES = ['ajv', 'json-logic-js', 'liquidjs', 'node:crypto', 'parse5', 'pinyin-pro', 'slugify'];

/** Calls that read or write the database: a controller leaves them to services. */
const DATABASE_CALLS = /\bstrapi\.(db|documents|entityService|query)\b|\.db\.(query|connection)\b/;

export const layerOf = (file: string): Layer | null => LAYERS.find(([pattern]) => pattern.test(file))?.[1] ?? null;

/** Why an import (as written) from a file breaks the rules, or null when it keeps them. */
export function violation(file: string, specifier: string): string | null {
  const from = layerOf(file);
  if (!from) return `${file} is in no layer: add it to LAYERS`;
  if (!specifier.startsWith('.')) {
    if (from === 'domain' && !PURE_LIBRARIES.includes(specifier)) return `${file} (domain) imports the package "${specifier}": the domain uses only ${PURE_LIBRARIES.join(', ')}`;
    if (from === 'contracts') return `${file} (contracts) imports the package "${specifier}": contracts are types of their own`;
    return null;
  }
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  const resolved = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((candidate) => layerOf(candidate) !== null && fs.existsSync(path.join(PLUGIN, candidate)));
  const to = layerOf(resolved ?? `${target}.ts`);
  if (!to) return `${file} imports ${specifier}, outside every layer`;
  return MAY_IMPORT[from].includes(to) ? null : `${file} (${from}) imports ${specifier} (${to}): ${from} may import only ${MAY_IMPORT[from].join(', ')}`;
}

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(PLUGIN, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });

const FILES = [...sourceFiles('server/src'), ...sourceFiles('admin/src')];
const read = (file: string) => fs.readFileSync(path.join(PLUGIN, file), 'utf8');
const importsOf = (file: string): string[] => ts.preProcessFile(read(file), true, true).importedFiles.map((f) => f.fileName);

describe('the import graph', () => {
  it('reads the whole plugin', () => {
    expect(FILES.length).toBeGreaterThan(150);
    expect(FILES.filter((f) => layerOf(f) === null)).toEqual([]);
  });

  it('crosses no layer', () => {
    const found = FILES.flatMap((file) => importsOf(file).flatMap((specifier) => violation(file, specifier) ?? []));
    expect(found).toEqual([]);
  });

  it('has contracts that are types only', () => {
    const runtime = FILES.filter((f) => layerOf(f) === 'contracts').flatMap((file) => {
      const statements = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest).statements;
      return statements
        .filter((s) => !ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s))
        .filter((s) => !(ts.isImportDeclaration(s) && s.importClause?.isTypeOnly) && !(ts.isExportDeclaration(s) && s.isTypeOnly))
        .map((s) => `${file}: ${s.getText().slice(0, 60)}`);
    });
    expect(runtime).toEqual([]);
  });

  it('has controllers that leave the database to services', () => {
    const querying = FILES.filter((f) => layerOf(f) === 'controllers' && DATABASE_CALLS.test(read(f)));
    expect(querying).toEqual([]);
  });
});

// The rules bite: each of these imports, were it written, would fail the test above.
describe('the rules refuse', () => {
  it.each([
    ['server/src/domain/routing.ts', '@strapi/strapi', 'domain'],
    ['server/src/domain/routing.ts', 'node:fs', 'domain'],
    ['server/src/domain/routing.ts', '../services/published', 'domain'],
    ['server/src/services/assurance.ts', '../access/actor', 'services'],
    ['server/src/services/assurance.ts', '../access/read-gate', 'services'],
    ['server/src/services/assurance.ts', '../controllers/me', 'services'],
    ['server/src/services/assurance.ts', '../document-service/validate-writes', 'services'],
    ['server/src/services/assurance.ts', '../writes/pipeline', 'services'],
    ['server/src/controllers/me.ts', '../access/read-gate', 'controllers'],
    ['server/src/controllers/me.ts', '../document-service/validation-error', 'controllers'],
    ['server/src/contracts/me.ts', '../services/store', 'contracts'],
    ['server/src/contracts/me.ts', 'react', 'contracts'],
    ['admin/src/pages/MyGuidesPage.tsx', '../../../server/src/services/assurance', 'admin'],
    ['admin/src/pages/MyGuidesPage.tsx', '../../../server/src/controllers/assurance', 'admin'],
  ])('%s importing %s', (file, specifier, layer) => {
    expect(violation(file, specifier)).toContain(`(${layer})`);
  });

  it('a controller that queries the database', () => {
    expect(DATABASE_CALLS.test('const rows = await strapi.db.query(UNIT).findMany({})')).toBe(true);
    expect(DATABASE_CALLS.test("await strapi.documents('plugin::linkage.guide').create({})")).toBe(true);
  });

  it('and allow what the table says', () => {
    expect(violation('server/src/services/catalog.ts', '../document-service/trusted-writes')).toBeNull();
    expect(violation('server/src/controllers/me.ts', '../access/actor')).toBeNull();
    expect(violation('server/src/writes/pipeline.ts', '../access/actor')).toBeNull();
    expect(violation('admin/src/pages/MyGuidesPage.tsx', '../../../server/src/contracts/assurance')).toBeNull();
  });
});
