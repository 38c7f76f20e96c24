// Site templates: Liquid with output escaped, no file system (partials come only from other
// templates), `raw` refused, and limits on parsing, rendering time and memory.
import { Liquid } from 'liquidjs';
import { problem, type Problem } from './problems';

export const TEMPLATE_LIMITS = { parseLimit: 200_000, renderLimit: 2_000, memoryLimit: 64 * 1024 * 1024 } as const;

/** An engine whose partials and layouts are the given templates, by key. */
export function templateEngine(templates: ReadonlyMap<string, string>): Liquid {
  const lookup = (file: string): string => {
    const body = templates.get(file);
    if (body === undefined) throw new Error(`no template "${file}"`);
    return body;
  };
  const engine = new Liquid({
    outputEscape: 'escape',
    strictFilters: true,
    ownPropertyOnly: true,
    relativeReference: false,
    extname: '',
    cache: true,
    ...TEMPLATE_LIMITS,
    fs: {
      exists: async (file: string) => templates.has(file),
      existsSync: (file: string) => templates.has(file),
      readFile: async (file: string) => lookup(file),
      readFileSync: lookup,
      resolve: (_root: string, file: string) => file,
      contains: async () => true,
      dirname: () => '',
      sep: '/',
    },
  });
  // Whatever a template says, `raw` no longer unescapes: output stays escaped.
  engine.registerFilter('raw', (value: unknown) => value);
  return engine;
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Refuses `raw` (filter or tag): escaped output is what keeps guide texts inert. */
export function rawProblems(body: string): Problem[] {
  const problems: Problem[] = [];
  for (const match of body.matchAll(/\|\s*raw\b/g)) problems.push(problem(['body'], `line ${lineOf(body, match.index ?? 0)}: the "raw" filter is not allowed: template output is always escaped`));
  for (const match of body.matchAll(/\{%-?\s*raw\b/g)) problems.push(problem(['body'], `line ${lineOf(body, match.index ?? 0)}: the "raw" tag is not allowed`));
  return problems;
}

/** A Liquid error, said with its line. */
export const liquidMessage = (error: unknown): string => {
  const e = error as { message?: string; token?: { getPosition?: () => [number, number] } };
  const position = e.token?.getPosition?.();
  const where = position && !/line:\s*\d+/.test(e.message ?? '') ? ` (line ${position[0]}, column ${position[1]})` : '';
  const message = (e.message ?? String(error)).split('\n')[0];
  // Rendering is synchronous: a template that includes itself forever ends on the stack.
  if (message.startsWith('Maximum call stack size exceeded')) return `templates include each other without end (${message})`;
  return `${message}${where}`;
};

/**
 * Problems with a template about to be published: `raw`, then parsing, then rendering every page
 * template against fixture view models with this version in place.
 */
export async function templateProblems(
  key: string,
  body: string,
  published: ReadonlyMap<string, string>,
  fixtures: Readonly<Record<string, object>>
): Promise<Problem[]> {
  const raw = rawProblems(body);
  if (raw.length > 0) return raw;
  const templates = new Map(published);
  templates.set(key, body);
  const engine = templateEngine(templates);
  try {
    engine.parse(body);
  } catch (error) {
    return [problem(['body'], `does not parse: ${liquidMessage(error)}`)];
  }
  const problems: Problem[] = [];
  const pages = Object.keys(fixtures).filter((page) => templates.has(page));
  for (const page of pages) {
    try {
      engine.renderFileSync(page, fixtures[page]);
    } catch (error) {
      problems.push(problem(['body'], `${page === key ? '' : `rendering "${page}" with it: `}${liquidMessage(error)}`));
    }
  }
  return problems;
}
