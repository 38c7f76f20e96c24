// The query parameters a public route accepts. Anything else is refused, naming it, rather than
// silently ignored (a misspelt filter must not return the whole catalog); so is a parameter given
// twice where one value is expected.
import { bilingual, problem, type Problem } from './problems';

/** `one`: a single text value; `map`: `name[key]=value` pairs, each key once (answers). */
export type ParameterShape = 'one' | 'map';

export type ParameterSpec = Readonly<Record<string, ParameterShape>>;

/** The query as Strapi's query parser gives it (qs): strings, arrays of them, nested objects. */
export type ParsedQuery = Readonly<Record<string, unknown>>;

export function parameterProblems(query: ParsedQuery, accepted: ParameterSpec): Problem[] {
  const problems: Problem[] = [];
  const known = Object.keys(accepted);
  for (const [name, value] of Object.entries(query)) {
    const shape = accepted[name];
    if (shape === undefined) {
      const takes = known.length === 0 ? 'this address takes no parameters' : `this address takes ${known.join(', ')}`;
      problems.push(problem([name], `is not a parameter of this address (${takes})`, bilingual(`This address does not take “${name}”.`, `此地址不接受参数“${name}”。`)));
    } else if (shape === 'one' && typeof value !== 'string') {
      problems.push(problem([name], 'must be given once, as text', bilingual(`“${name}” must be given once.`, `参数“${name}”只能给出一次。`)));
    } else if (shape === 'map') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.push(problem([name], `must be given as ${name}[key]=value`, bilingual(`“${name}” must be given as ${name}[key]=value.`, `参数“${name}”须写作 ${name}[键]=值。`)));
        continue;
      }
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        if (typeof entry !== 'string')
          problems.push(problem([name, key], 'must be given once, as text', bilingual(`“${name}[${key}]” must be given once.`, `参数“${name}[${key}]”只能给出一次。`)));
      }
    }
  }
  return problems;
}

/**
 * The query string without what `parameterProblems` refuses: unknown names dropped, a repeated
 * one kept once (its first value). `pairs` as URLSearchParams gives them.
 */
export function acceptedQuery(pairs: Iterable<readonly [string, string]>, accepted: ParameterSpec): string {
  const kept = new URLSearchParams();
  for (const [name, value] of pairs) {
    const base = name.replace(/\[.*$/, '');
    const shape = accepted[base];
    if (shape === undefined || (shape === 'one' && base !== name) || (shape === 'map' && base === name) || kept.has(name)) continue;
    kept.append(name, value);
  }
  const text = kept.toString();
  return text === '' ? '' : `?${text}`;
}

/** What `plainParameters` reads: each `one` parameter's text, each `map` parameter's entries. */
export type PlainParameters = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

// A `map` entry's key that qs reads as written: not an array index, nothing it would split or drop.
const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** A query's name or value as qs decodes it (`+` is a space), or null where it would keep it undecoded. */
function decodedPart(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * A query string's parameters, when they are plainly what `accepted` takes, read as Strapi's query
 * parser (qs, `strictNullHandling`) reads them: each `one` parameter at most once, each `map` entry
 * `name[key]` (brackets as they are or percent-encoded) at most once with a plain key. Null for
 * anything else (an unknown or repeated parameter, a name without `=`, a key qs would read as an
 * index or drop, an escape it cannot decode): such a query is left to the long way, which reads it
 * with qs and refuses what `parameterProblems` refuses.
 */
export function plainParameters(query: string, accepted: ParameterSpec): PlainParameters | null {
  const found: Record<string, string | Record<string, string>> = {};
  if (query === '') return found;
  const pairs = query.split('&');
  if (pairs.length > 100) return null;
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 0) return null;
    const name = decodedPart(pair.slice(0, at));
    const value = decodedPart(pair.slice(at + 1));
    if (name === null || value === null) return null;
    if (accepted[name] === 'one') {
      if (Object.hasOwn(found, name)) return null;
      found[name] = value;
      continue;
    }
    const entry = /^([^[\]]+)\[([^[\]]*)\]$/.exec(name);
    if (!entry || accepted[entry[1]] !== 'map' || !PLAIN_KEY.test(entry[2]) || entry[2] in Object.prototype) return null;
    const map = (found[entry[1]] ??= {}) as Record<string, string>;
    if (Object.hasOwn(map, entry[2])) return null;
    map[entry[2]] = value;
  }
  return found;
}
