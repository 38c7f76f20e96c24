// CPSV-AP 3.2.0 SHACL validation of JSON-LD documents, offline, by rdf-validate-shacl with jsonld
// and n3 (test/support/cpsv-ap-shacl.mjs, an ES module this CommonJS test runtime cannot load,
// run in a child process), against the release's shapes kept in test/fixtures/cpsv-ap-3.2.0/.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** One violation, as the validator reports it. */
export interface ShaclResult {
  /** The property shape, e.g. `#PublicServiceShape/6c7c…`; its node shape is the part before the slash. */
  readonly shape: string | null;
  readonly constraint: string | null;
  readonly focusNode: string | null;
  readonly path: string | null;
  readonly value: string | null;
  readonly message: string;
}

export interface ShaclReport {
  readonly triples?: number;
  readonly conforms?: boolean;
  readonly results?: readonly ShaclResult[];
  /** The document could not be read as JSON-LD (a term dropped, a context not offline). */
  readonly error?: string;
}

const SCRIPT = path.join(__dirname, 'cpsv-ap-shacl.mjs');

/** Each document (JSON-LD text) validated against the CPSV-AP 3.2.0 shapes, in order. */
export async function validateCpsvAp(documents: readonly string[]): Promise<ShaclReport[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpsv-ap-'));
  try {
    const files = documents.map((text, i) => {
      const file = path.join(dir, `${i}.jsonld`);
      fs.writeFileSync(file, text);
      return file;
    });
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, ...files], { maxBuffer: 256 * 1024 * 1024 });
    return (JSON.parse(stdout) as Array<ShaclReport & { file: string }>).map(({ file: _file, ...report }) => report);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A violation as one line: `PublicServiceShape: http://purl.org/dc/terms/identifier MinCount at <node>`. */
export const violationLine = (r: ShaclResult): string =>
  `${(r.shape ?? '?').replace(/^#/, '').replace(/\/.*$/, '')}: ${r.path ?? ''} ${(r.constraint ?? '').replace(/^sh:|ConstraintComponent$/g, '')} at <${r.focusNode ?? ''}>${r.value === null ? '' : ` (${r.value})`}`;

/** The report's violations as lines; its read error as one. */
export const violations = (report: ShaclReport): string[] => (report.error ? [`not JSON-LD: ${report.error}`] : (report.results ?? []).map(violationLine));
