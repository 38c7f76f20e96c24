// Whether an HTTP exchange with the public API is what the OpenAPI document says: the operation
// its path names, its parameters declared, its status listed, its media type, body and headers as
// that status's response describes them. Bodies are validated by Ajv's JSON Schema 2020-12, the
// dialect of OpenAPI 3.1; the document itself by @seriousme/openapi-schema-validator, in a child
// process (it is an ES module, which this CommonJS test runtime cannot load).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { APP_DIR } from './env';

/** One request to the public API and its answer, the body as the bytes' text. */
export interface Exchange {
  /** The path and query as sent, e.g. `/api/linkage/items?locale=en`. */
  readonly url: string;
  readonly status: number;
  /** Lower-case names, as Node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiDocument {
  readonly openapi: string;
  readonly servers?: ReadonlyArray<{ readonly url: string }>;
  readonly paths: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  readonly components?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
}

const DOCUMENT_ID = 'urn:linkage:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Schema references made absolute into the schema Ajv holds as `$defs` (`#/components/schemas/X` → `urn…#/$defs/X`). */
function absoluteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (key === '$ref' && typeof v === 'string') {
        const match = /^#\/components\/schemas\/(.+)$/.exec(v);
        if (!match) throw new Error(`a schema refers to ${v}: only #/components/schemas/… is supported`);
        return [key, `${DOCUMENT_ID}#/$defs/${match[1]}`];
      }
      return [key, absoluteRefs(v)];
    })
  );
}

/** The operation whose path template matches a path (literal segments before parameters), with its path parameters. */
interface Match {
  readonly template: string;
  readonly operation: JsonObject;
  readonly pathParameters: Readonly<Record<string, string>>;
}

export class OpenApiConformance {
  private readonly ajv: Ajv2020;
  private readonly base: string;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.base = document.servers?.[0]?.url ?? '';
    // Strict: a keyword Ajv does not know is a mistake in the document, except OpenAPI's own
    // annotations (the OAS base vocabulary).
    this.ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, allowUnionTypes: true });
    this.ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, $defs: absoluteRefs((document.components?.schemas ?? {}) as Json) as JsonObject });
  }

  /** Every schema in the document compiled: throws naming the first that Ajv refuses. */
  compileAll(): void {
    for (const name of Object.keys(this.document.components?.schemas ?? {})) this.ajv.getSchema(`${DOCUMENT_ID}#/$defs/${name}`);
    for (const [template, item] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        for (const [status, response] of Object.entries(this.resolve(operation.responses) ?? {})) {
          const content = this.resolve(response)?.content;
          for (const [type, media] of Object.entries(isObject(content) ? content : {})) {
            if (isObject(media) && isObject(media.schema)) this.validator(`${template} ${method} ${status} ${type}`, media.schema);
          }
        }
      }
    }
  }

  /** An object behind a `$ref` to elsewhere in the document, or the object itself. */
  resolve(value: Json | undefined): JsonObject | undefined {
    if (!isObject(value)) return undefined;
    if (typeof value.$ref !== 'string') return value;
    const pointer = value.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: unknown = this.document;
    for (const segment of pointer) target = isObject(target) ? target[segment] : undefined;
    if (!isObject(target)) throw new Error(`${value.$ref} does not resolve`);
    return this.resolve(target);
  }

  /** The operations of the document, as `METHOD template` with the operation. */
  operations(): Array<{ readonly name: string; readonly operation: JsonObject }> {
    return Object.entries(this.document.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${template}`, operation }))
    );
  }

  private match(path: string): Match | undefined {
    if (!path.startsWith(this.base)) return undefined;
    const rest = path.slice(this.base.length);
    const candidates = Object.keys(this.document.paths).sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    for (const template of candidates) {
      const names: string[] = [];
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
      const found = pattern.exec(rest);
      const operation = this.document.paths[template].get;
      if (found && operation) {
        return { template, operation, pathParameters: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
      }
    }
    return undefined;
  }

  private validator(key: string, schema: JsonObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(absoluteRefs(schema) as JsonObject);
      this.validators.set(key, validate);
    }
    return validate;
  }

  private parameters(operation: JsonObject, template: string): JsonObject[] {
    const own = Array.isArray(operation.parameters) ? operation.parameters : [];
    const shared = this.document.paths[template].parameters as unknown;
    return [...(Array.isArray(shared) ? (shared as Json[]) : []), ...own].map((p) => this.resolve(p)).filter(isObject);
  }

  /** What in an exchange the document does not describe (empty: it conforms). */
  check(exchange: Exchange): string[] {
    const [path, query = ''] = exchange.url.split('?', 2);
    const at = `${exchange.status} ${exchange.url}`;
    const match = this.match(path);
    if (!match) return [`${at}: no operation of the document has this path`];
    const { template, operation } = match;
    const failures: string[] = [];
    const parameters = this.parameters(operation, template);

    const declared = new Map(parameters.filter((p) => p.in === 'query').map((p) => [String(p.name), p]));
    for (const name of new Set([...new URLSearchParams(query).keys()])) {
      const base = name.replace(/\[.*$/, '');
      const parameter = declared.get(base);
      // A parameter the address does not take is refused with a 400 naming it (documented): only a
      // request answered otherwise must have declared every parameter.
      if (!parameter) {
        if (exchange.status !== 400) failures.push(`${at}: the query parameter ${name} is not declared`);
      } else if (base !== name && parameter.style !== 'deepObject') failures.push(`${at}: ${name} is sent as a deepObject, but ${base} is not declared with style deepObject`);
    }
    for (const p of parameters.filter((p) => p.in === 'path')) {
      if (!(String(p.name) in match.pathParameters)) failures.push(`${at}: the path parameter ${String(p.name)} is not in ${template}`);
    }

    const responses = this.resolve(operation.responses) ?? {};
    const response = this.resolve(responses[String(exchange.status)] ?? responses.default);
    if (!response) return [...failures, `${at}: status ${exchange.status} is not documented for GET ${template}`];

    const header = (name: string): string | undefined => {
      const value = exchange.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    for (const [name, object] of Object.entries(this.resolve(response.headers) ?? {})) {
      const spec = this.resolve(object);
      if (!spec) continue;
      const value = header(name);
      if (value === undefined) {
        if (spec.required === true) failures.push(`${at}: the required header ${name} is missing`);
        continue;
      }
      if (isObject(spec.schema)) {
        const validate = this.validator(`${template} ${exchange.status} header ${name}`, spec.schema);
        if (!validate(value)) failures.push(`${at}: header ${name}: ${JSON.stringify(value)} ${this.ajv.errorsText(validate.errors)}`);
      }
    }

    const content = this.resolve(response.content);
    if (!content) {
      if (exchange.body !== '') failures.push(`${at}: the document says no body, the response has ${exchange.body.length} characters`);
      return failures;
    }
    const type = (header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const media = this.resolve(content[type]);
    if (!media) return [...failures, `${at}: the media type ${JSON.stringify(type)} is not one of ${Object.keys(content).join(', ')}`];
    if (!isObject(media.schema)) return failures;
    let body: unknown = exchange.body;
    if (/^application\/([\w.+-]+\+)?json$/.test(type)) {
      try {
        body = JSON.parse(exchange.body);
      } catch {
        return [...failures, `${at}: the body is not JSON`];
      }
    }
    const validate = this.validator(`${template} ${exchange.status} ${type}`, media.schema);
    if (!validate(body)) {
      for (const e of validate.errors ?? []) failures.push(`${at}: body${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    }
    return failures;
  }
}

/** The document checked against the OpenAPI specification's own schema; the errors as the validator gives them. */
export async function validateDocument(file: string): Promise<{ valid: boolean; version: string; errors: unknown }> {
  const script = `
    import { readFileSync } from 'node:fs';
    import { Validator } from '@seriousme/openapi-schema-validator';
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(readFileSync(process.argv[1], 'utf8')));
    console.log(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
  `;
  const { stdout } = await promisify(execFile)('node', ['--input-type=module', '-e', script, file], { cwd: APP_DIR });
  return JSON.parse(stdout) as { valid: boolean; version: string; errors: unknown };
}
