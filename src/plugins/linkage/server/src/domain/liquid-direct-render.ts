// Site pages rendered by direct calls where liquidjs would use generators. liquidjs evaluates every
// output and condition through a chain of about ten generators, each run by its toValueSync: at
// Qingdao scale that was most of a page miss (BENCHMARKS.md). Here outputs, conditions and
// assignments are evaluated directly, and lists of nodes, `if` and `unless` rendered without a
// generator, keeping liquidjs's own rules: its property reads (Context.readProperty: `size`, `first`,
// drops, ownPropertyOnly), its operators, its filters with their memory accounting, its escaping, its
// errors. Only synchronous renders without strictVariables are rendered so; anything this file does
// not know (ranges, other tags) stays liquidjs's own code. It reaches into liquidjs's parsed nodes:
// docs/adr/024-liquid-direct-render.md; directRenderProblem() checks them in each thread.
import {
  Context,
  IfTag,
  Liquid,
  LiquidError,
  Output,
  RenderError,
  TypeGuards,
  UndefinedVariableError,
  UnlessTag,
  Value,
  defaultOperators,
  isTruthy,
  toValue,
  toValueSync,
} from 'liquidjs';
import type { Emitter, LiquidOptions, Template, Token } from 'liquidjs';

type Evaluate = (ctx: Context) => unknown;
/** liquidjs's cache interface (the `cache` option that is neither a flag nor a size). */
type LiquidCache = Exclude<NonNullable<LiquidOptions['cache']>, boolean | number>;

/** The parts of liquidjs's parsed nodes read here (public in its JavaScript, partly private in its types). */
interface ParsedFilter {
  readonly handler: (this: object, value: unknown, ...args: unknown[]) => unknown;
  readonly args: ReadonlyArray<Token | readonly [string, Token]>;
  readonly token: Token;
  readonly liquid: Liquid;
}
interface ParsedValue {
  readonly initial: { readonly postfix: readonly Token[] };
  readonly filters: readonly ParsedFilter[];
  value: (ctx: Context, lenient?: boolean) => unknown;
}
interface ParsedTag {
  children?: (partials: boolean, sync: boolean) => unknown;
  arguments?: () => Iterable<unknown>;
}
interface RenderNode {
  render: (ctx: Context, emitter: Emitter) => unknown;
}
interface PropertyAccess {
  readonly variable?: Token;
  readonly props: readonly Token[];
}

const isIterator = (value: unknown): value is Generator =>
  !!value && typeof (value as Generator).next === 'function' && typeof (value as Generator).throw === 'function' && typeof (value as Generator).return === 'function';

/** What liquidjs's toValueSync does with a yielded value: an iterator is run to its end. */
const settled = (value: unknown): unknown => (isIterator(value) ? toValueSync(value) : value);

const isPrimitive = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function');

/** A token's evaluation (liquidjs's evalToken), or null where this path does not know it. */
function compileToken(token: Token): Evaluate | null {
  if ('content' in token) {
    const content = (token as { content: unknown }).content;
    return () => content;
  }
  if (TypeGuards.isPropertyAccessToken(token)) return compilePropertyAccess(token as unknown as PropertyAccess, token);
  return null;
}

function compilePropertyAccess(access: PropertyAccess, token: Token): Evaluate | null {
  const props: Evaluate[] = [];
  for (const prop of access.props) {
    const evaluate = compileToken(prop);
    if (!evaluate) return null;
    props.push((ctx) => toValue(settled(evaluate(ctx))));
  }
  const variable = access.variable ? compileToken(access.variable) : undefined;
  if (variable === null) return null;
  // Keys written in the template (`a.b["c"]`) are read once, here; keys read from variables at each render.
  const constant = access.props.every((prop) => 'content' in prop);
  const fixedKeys = constant ? access.props.map((prop) => toValue((prop as unknown as { content: unknown }).content)) : [];
  const findScope = (ctx: Context, key: unknown) => (ctx as unknown as { findScope: (key: unknown) => object }).findScope(key);
  return (ctx) => {
    const keys = constant ? fixedKeys : props.map((prop) => prop(ctx));
    try {
      let scope = variable ? settled(variable(ctx)) : findScope(ctx, keys[0]);
      for (let i = 0; i < keys.length; i += 1) scope = settled(ctx.readProperty(scope as object, keys[i] as string));
      return scope;
    } catch (error) {
      throw new UndefinedVariableError(error as Error, token);
    }
  };
}

type Operator = (...args: unknown[]) => unknown;
const operatorOf = (ctx: Context, name: string) => (ctx.opts.operators as Record<string, Operator>)[name];

/**
 * An expression's postfix form as closures, its operands evaluated left to right as liquidjs does;
 * each operator is the engine's own, but liquidjs's `==` and `!=` of two primitives, which are `===`.
 */
function compileExpression(postfix: readonly Token[]): Evaluate | null {
  const operands: Evaluate[] = [];
  for (const token of postfix) {
    if (TypeGuards.isOperatorToken(token)) {
      const name = token.operator;
      if (name === 'not') {
        const r = operands.pop();
        if (!r) return null;
        operands.push((ctx) => settled(operatorOf(ctx, name)(r(ctx), ctx)));
        continue;
      }
      const r = operands.pop();
      const l = operands.pop();
      if (!l || !r) return null;
      if (name === '==' || name === '!=') {
        const equal = name === '==';
        const standard = defaultOperators[name];
        operands.push((ctx) => {
          const a = l(ctx);
          const b = r(ctx);
          const operator = operatorOf(ctx, name);
          return operator === standard && isPrimitive(a) && isPrimitive(b) ? (a === b) === equal : settled(operator(a, b, ctx));
        });
      } else operands.push((ctx) => settled(operatorOf(ctx, name)(l(ctx), r(ctx), ctx)));
      continue;
    }
    const evaluate = compileToken(token);
    if (!evaluate) return null;
    operands.push(evaluate);
  }
  const [result] = operands;
  return result ?? (() => undefined);
}

function compileFilter(filter: ParsedFilter): ((value: unknown, ctx: Context) => unknown) | null {
  const args: Array<(ctx: Context) => unknown> = [];
  for (const arg of filter.args) {
    if (Array.isArray(arg)) {
      const [key, token] = arg as readonly [string, Token];
      const evaluate = compileToken(token);
      if (!evaluate) return null;
      args.push((ctx) => [key, settled(evaluate(ctx))]);
    } else {
      const evaluate = compileToken(arg as Token);
      if (!evaluate) return null;
      args.push((ctx) => settled(evaluate(ctx)));
    }
  }
  const { handler, token, liquid } = filter;
  return (value, context) => settled(handler.apply({ context, token, liquid }, [value, ...args.map((arg) => arg(context))]));
}

/** A Value's evaluation (its expression, then its filters), or null where this path does not know it. */
function compileValue(value: ParsedValue): Evaluate | null {
  const initial = compileExpression(value.initial.postfix);
  if (!initial) return null;
  const filters = value.filters.map(compileFilter);
  if (filters.some((filter) => !filter)) return null;
  const steps = filters as Array<(value: unknown, ctx: Context) => unknown>;
  return (ctx) => {
    let result = settled(initial(ctx));
    for (const step of steps) result = step(result, ctx);
    return result;
  };
}

/** Only renders liquidjs runs to completion in this thread, without strictVariables, are rendered directly. */
const directContext = (ctx: Context): boolean => ctx.sync && !ctx.strictVariables;

const patched = new WeakSet<object>();

/** liquidjs's class of literal text between tags (not exported). */
const HTML_NODE = (new Liquid().parse('html')[0] as object).constructor as new (...args: never[]) => object;

function patchValue(value: ParsedValue): Evaluate | null {
  const fast = compileValue(value);
  if (!fast || patched.has(value)) return fast;
  patched.add(value);
  const own = value.value;
  // Callers yield what value() returns: a plain value passes through, the original generator runs.
  value.value = function (this: ParsedValue, ctx: Context, lenient?: boolean) {
    return directContext(ctx) ? fast(ctx) : own.call(this, ctx, lenient);
  };
  return fast;
}

function patchNode(node: Template): void {
  if (patched.has(node)) return;
  if (node instanceof Output) {
    const fast = patchValue((node as unknown as { value: ParsedValue }).value);
    patched.add(node);
    if (!fast) return;
    const own = (node as unknown as RenderNode).render;
    (node as unknown as RenderNode).render = function (this: Output, ctx: Context, emitter: Emitter) {
      if (!directContext(ctx)) return own.call(this, ctx, emitter);
      emitter.write(settled(toValue(fast(ctx))));
      return undefined;
    };
    return;
  }
  if (node instanceof HTML_NODE) {
    patched.add(node);
    const str = (node as unknown as { str: string }).str;
    (node as unknown as RenderNode).render = (_ctx: Context, emitter: Emitter) => {
      emitter.write(str);
      return undefined;
    };
    return;
  }
  patched.add(node);
  const tag = node as unknown as ParsedTag;
  for (const argument of tag.arguments?.() ?? []) if (argument instanceof Value) patchValue(argument as unknown as ParsedValue);
  if (node instanceof IfTag || node instanceof UnlessTag) patchConditional(node as unknown as Conditional);
  const children = tag.children ? toValueSync(tag.children(false, true)) : [];
  if (Array.isArray(children)) for (const child of children as Template[]) patchNode(child);
}

interface Conditional extends RenderNode {
  readonly liquid: Liquid;
  readonly branches: ReadonlyArray<{ readonly value: ParsedValue; readonly templates: Template[]; readonly test?: (value: unknown, ctx: Context) => boolean }>;
  readonly elseTemplates?: Template[];
}

/** `if` and `unless` (IfTag.render, UnlessTag.render) without their generator: the first branch whose test holds. */
function patchConditional(node: Conditional): void {
  const own = node.render;
  node.render = function (this: Conditional, ctx: Context, emitter: Emitter) {
    if (!directContext(ctx)) return own.call(this, ctx, emitter);
    const renderer = this.liquid.renderer as unknown as { renderTemplates: RenderTemplates };
    for (const { value, templates, test = isTruthy } of this.branches) {
      if (test(settled(toValue(settled(value.value(ctx, ctx.opts.lenientIf)))), ctx)) {
        settled(renderer.renderTemplates(templates, ctx, emitter));
        return undefined;
      }
    }
    settled(renderer.renderTemplates(this.elseTemplates ?? [], ctx, emitter));
    return undefined;
  };
}

/** Makes a parsed template's nodes render directly (idempotent). */
export function withDirectRender(templates: readonly Template[]): readonly Template[] {
  for (const node of templates) patchNode(node);
  return templates;
}

/** A template cache that makes each template parsed for a render (the page, its layout, its partials) render directly as it is stored. */
function directRenderCache(): LiquidCache {
  const entries = new Map<string, Template[] | Promise<Template[]>>();
  return {
    read: (key) => entries.get(key),
    write: (key, value) => {
      if (Array.isArray(value)) withDirectRender(value);
      entries.set(key, value);
    },
    remove: (key) => void entries.delete(key),
  };
}

/** Render.renderTemplates: callers yield what it returns, so a plain value serves as well as a generator. */
type RenderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) => unknown;

/**
 * How deep lists of nodes may nest in one render (a block in a loop in a partial...): templates that
 * include each other without end stop here with an error, well before the stack runs out (about
 * 1,250 deep on the main thread); at the stack's end V8 may abort the whole process instead of
 * throwing, when it has a regular expression to compile there (seen in the tests).
 */
export const MAX_NESTING = 200;
export const NESTING_MESSAGE = `templates nest more than ${MAX_NESTING} levels deep`;
let nesting = 0;

/**
 * liquidjs's loop over a list of nodes (Render.renderTemplates) without a generator: each node's
 * generator, if it returns one, is run to its end here (as toValueSync would), and the render time
 * limit is checked once a list rather than once a node (a render over its budget is also stopped
 * from outside: services/renderer.ts).
 */
function directRenderTemplates(own: RenderTemplates): RenderTemplates {
  return function (this: unknown, templates, ctx, emitter) {
    // Lists rendered into a buffer of their own (capture, the page itself), and collected errors: liquidjs's own loop.
    if (!emitter || !directContext(ctx) || ctx.opts.catchAllErrors) return own.call(this, templates, ctx, emitter);
    ctx.renderLimit.check(performance.now());
    if (nesting >= MAX_NESTING) throw new Error(NESTING_MESSAGE);
    nesting += 1;
    try {
      for (const tpl of templates) {
        try {
          const html = settled((tpl as unknown as RenderNode).render(ctx, emitter));
          if (html) emitter.write(html);
          if (ctx.breakCalled || ctx.continueCalled) break;
        } catch (error) {
          throw LiquidError.is(error) ? error : new RenderError(error as Error, tpl);
        }
      }
    } finally {
      nesting -= 1;
    }
    return (emitter as unknown as { buffer?: unknown }).buffer;
  };
}

/** A liquidjs engine with the given options whose synchronous renders are direct. */
export function directRenderEngine(options: LiquidOptions): Liquid {
  const engine = new Liquid({ ...options, cache: directRenderCache() });
  const renderer = engine.renderer as unknown as { renderTemplates: RenderTemplates };
  renderer.renderTemplates = directRenderTemplates(renderer.renderTemplates);
  return engine;
}

const PROBE_OPTIONS: LiquidOptions = { outputEscape: 'escape', ownPropertyOnly: true, strictFilters: true };
const PROBE = `<p>{{ a.b | upcase }}{% if a.list.size > 1 and a.b == 'x<' %}{{ a.list.first }}{% elsif a %}no{% endif %}{% for i in a.list %}{% unless forloop.last %}{{ i | plus: 1 }},{% endunless %}{% endfor %}{% assign c = a.list | join: '-' %}{{ c }}{{ a["b"] }}{% capture d %}[{{ a.b | default: 'z', allow_false: true }}]{% endcapture %}{{ d }}{{ nothing.at.all }}{% for i in (1..2) %}{{ i }}{% endfor %}{% unless a.none %}u{% else %}e{% endunless %}{% if a.none %}x{% elsif a.b contains 'x' %}c{% else %}y{% endif %}</p>`;
const PROBE_DATA = { a: { b: 'x<', list: [1, 2, 3] } };

/**
 * Null when liquidjs's parsed nodes and renderer are as this path expects and it renders a probe
 * exactly as liquidjs does; otherwise what differs (a liquidjs upgrade changed its internals).
 */
export function directRenderProblem(): string | null {
  const plain = new Liquid(PROBE_OPTIONS);
  const [output] = plain.parse('{{ a | upcase }}');
  if (!(output instanceof Output)) return 'liquidjs parses an output into something other than its Output class';
  const value = (output as unknown as { value?: Partial<ParsedValue> }).value;
  if (!value || !Array.isArray(value.initial?.postfix) || !Array.isArray(value.filters) || typeof value.value !== 'function')
    return "liquidjs's Output no longer holds a Value with initial.postfix and filters";
  const filter = value.filters[0] as Partial<ParsedFilter> | undefined;
  if (!filter || typeof filter.handler !== 'function' || !Array.isArray(filter.args)) return "liquidjs's Filter no longer holds handler and args";
  if (typeof (Context.prototype as { readProperty?: unknown }).readProperty !== 'function') return "liquidjs's Context no longer has readProperty";
  const renderTemplates = (plain.renderer as unknown as { renderTemplates?: unknown }).renderTemplates;
  if (typeof renderTemplates !== 'function' || renderTemplates.constructor.name !== 'GeneratorFunction') return "liquidjs's renderer no longer has the generator renderTemplates";
  const [conditional] = plain.parse('{% if a %}{% endif %}');
  const branches = (conditional as unknown as Partial<Conditional>).branches;
  if (!(conditional instanceof IfTag) || !Array.isArray(branches) || !(branches[0]?.value instanceof Value) || !Array.isArray(branches[0]?.templates))
    return "liquidjs's IfTag no longer holds branches of a Value and templates";
  const [unless] = plain.parse('{% unless a %}{% endunless %}');
  if (!(unless instanceof UnlessTag) || typeof (unless as unknown as Conditional).branches?.[0]?.test !== 'function')
    return "liquidjs's UnlessTag no longer holds branches with a test";
  const expected = plain.parseAndRenderSync(PROBE, PROBE_DATA) as string;
  const fast = directRenderEngine(PROBE_OPTIONS);
  const actual = fast.renderSync(withDirectRender(fast.parse(PROBE)) as Template[], PROBE_DATA) as string;
  if (actual !== expected) return `rendered directly, a probe gives ${JSON.stringify(actual)} where liquidjs renders ${JSON.stringify(expected)}`;
  return null;
}
