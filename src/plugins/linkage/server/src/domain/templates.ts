// Site templates: Liquid with output escaped, no file system (partials come only from other
// templates), `raw` refused, and limits on parsing, rendering time and memory.
import { createHash } from 'node:crypto';
import { Liquid } from 'liquidjs';
import type { AdminText } from './admin-language';
import { NESTING_MESSAGE, directRenderEngine, directRenderProblem } from './liquid-direct-render';
import type { LiquidOptions } from 'liquidjs';
import { problem, type Problem } from './problems';

export const TEMPLATE_LIMITS = { parseLimit: 200_000, renderLimit: 2_000, memoryLimit: 64 * 1024 * 1024 } as const;

/**
 * Why this liquidjs cannot render directly (domain/liquid-direct-render.ts), or null: checked
 * once a thread; engines then render as liquidjs alone does, only slower, and the boot says so.
 */
export const DIRECT_RENDER_PROBLEM = directRenderProblem();

/**
 * An engine whose partials and layouts are the given templates, by key. Its synchronous renders are
 * direct where this liquidjs allows it; `directRender: false` gives liquidjs alone (the tests'
 * reference).
 */
export function templateEngine(templates: ReadonlyMap<string, string>, { directRender = DIRECT_RENDER_PROBLEM === null }: { directRender?: boolean } = {}): Liquid {
  const lookup = (file: string): string => {
    const body = templates.get(file);
    if (body === undefined) throw new Error(`no template "${file}"`);
    return body;
  };
  const options: LiquidOptions = {
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
  };
  const engine = directRender ? directRenderEngine(options) : new Liquid(options);
  // Whatever a template says, `raw` no longer unescapes: output stays escaped.
  engine.registerFilter('raw', (value: unknown) => value);
  return engine;
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Refuses `raw` (filter or tag): escaped output is what keeps guide texts inert. */
export function rawProblems(body: string): Problem[] {
  const problems: Problem[] = [];
  for (const match of body.matchAll(/\|\s*raw\b/g))
    problems.push(problem(['body'], `line ${lineOf(body, match.index ?? 0)}: the "raw" filter is not allowed: template output is always escaped`));
  for (const match of body.matchAll(/\{%-?\s*raw\b/g)) problems.push(problem(['body'], `line ${lineOf(body, match.index ?? 0)}: the "raw" tag is not allowed`));
  return problems;
}

/** A Liquid error, said with its line. */
export const liquidMessage = (error: unknown): string => {
  const e = error as { message?: string; token?: { getPosition?: () => [number, number] } };
  const position = e.token?.getPosition?.();
  const where = position && !/line:\s*\d+/.test(e.message ?? '') ? ` (line ${position[0]}, column ${position[1]})` : '';
  const message = (e.message ?? String(error)).split('\n')[0];
  // Rendering is synchronous: a template that includes itself forever ends on the stack, or at the direct render's nesting limit (MAX_NESTING).
  if (message.startsWith('Maximum call stack size exceeded') || message.startsWith(NESTING_MESSAGE)) return `templates include each other without end (${message})`;
  return `${message}${where}`;
};

/** One page to render while checking a template: which page template, with what data, named how. */
export interface PageCheck {
  readonly page: string;
  readonly data: object;
  /** How a refusal names it when it is not the template itself: `"item-page" for 胶州市 ...`. */
  readonly label?: string;
}

/** Renders page `page` of a template set; the service renders off the event loop, with a time budget. */
export type PageRenderer = (templates: ReadonlyMap<string, string>, page: string, data: object) => Promise<string>;

/** Renders in this thread (tests, and the pure checks): the engine's own render and memory limits apply. */
export const renderInProcess: PageRenderer = async (templates, page, data) => templateEngine(templates).renderFileSync(page, data) as string;

const asChecks = (pages: readonly PageCheck[] | Readonly<Record<string, object>>): PageCheck[] =>
  Array.isArray(pages) ? [...(pages as readonly PageCheck[])] : Object.entries(pages as Record<string, object>).map(([page, data]) => ({ page, data }));

/**
 * Problems with a template about to be published: `raw`, then parsing, then rendering every page
 * to check (fixture view models, and the service adds the catalog's heaviest real pages) with this
 * version in place. Rendering stops at the first page that fails: a slow template costs one budget.
 */
export async function templateProblems(
  key: string,
  body: string,
  published: ReadonlyMap<string, string>,
  pages: readonly PageCheck[] | Readonly<Record<string, object>>,
  render: PageRenderer = renderInProcess
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
  for (const check of asChecks(pages).filter((c) => templates.has(c.page))) {
    try {
      await render(templates, check.page, check.data);
    } catch (error) {
      const named = check.page === key && !check.label ? null : (check.label ?? `"${check.page}"`);
      const where = named ? `rendering ${named} with it: ` : '';
      // A renderer may say the reason in each admin language (services/renderer.ts RenderFailure).
      const text = (error as { text?: AdminText }).text;
      return [
        problem(['body'], `${where}${liquidMessage(error)}`, text && { en: `${where}${text.en}`, 'zh-Hans': named ? `用它渲染${named}时：${text['zh-Hans']}` : text['zh-Hans'] }),
      ];
    }
  }
  return [];
}

/** A template set's id: the hash of its keys and bodies. */
export function templateSetId(templates: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const [key, body] of [...templates].sort(([a], [b]) => a.localeCompare(b))) hash.update(key).update('\0').update(body).update('\0');
  return hash.digest('hex').slice(0, 24);
}
