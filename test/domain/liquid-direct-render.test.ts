// The direct render (domain/liquid-direct-render.ts) renders exactly what liquidjs alone renders, and
// fails exactly where and how it fails: every case here is rendered by both engines, built with the
// same options (templateEngine with and without the direct render), and compared.
import fc from 'fast-check';
import { Liquid, defaultOperators } from 'liquidjs';
import type { Template } from 'liquidjs';
import { MAX_NESTING, directRenderEngine, directRenderProblem, withDirectRender } from '../../src/plugins/linkage/server/src/domain/liquid-direct-render';
import { DIRECT_RENDER_PROBLEM, liquidMessage, templateEngine } from '../../src/plugins/linkage/server/src/domain/templates';
import { DEFAULT_TEMPLATES, PAGE_TEMPLATES } from '../../src/plugins/linkage/server/src/site-templates/defaults';
import { fixturePages } from '../../src/plugins/linkage/server/src/site-templates/fixtures';

type Outcome = { html: string } | { error: string };

/**
 * A synchronous render of `page` (as the render threads do) with a copy of the data (as a render
 * thread is sent: `increment` writes into it), or the error it ends with, said as the server says it.
 */
function outcome(engine: Liquid, page: string, data: object): Outcome {
  try {
    return { html: engine.renderFileSync(page, structuredClone(data)) as string };
  } catch (error) {
    return { error: liquidMessage(error) };
  }
}

/** Both engines' outcomes, each rendered twice (the second from the parsed-template cache). */
function both(templates: Record<string, string>, page: string, data: object): { liquidjs: Outcome; fast: Outcome } {
  const set = new Map(Object.entries(templates));
  const plain = templateEngine(set, { directRender: false });
  const fast = templateEngine(set, { directRender: true });
  const liquidjs = outcome(plain, page, data);
  expect(outcome(plain, page, data)).toEqual(liquidjs);
  const first = outcome(fast, page, data);
  expect(outcome(fast, page, data)).toEqual(first);
  return { liquidjs, fast: first };
}

const same = (body: string, data: object = {}, partials: Record<string, string> = {}): Outcome => {
  const { liquidjs, fast } = both({ ...partials, page: body }, 'page', data);
  expect(fast).toEqual(liquidjs);
  return fast;
};

const HOSTILE = `</script><script>alert("x")</script> & 'q'`;
const DATA = {
  s: HOSTILE,
  n: 3,
  zero: 0,
  f: false,
  t: true,
  nil: null,
  empty: '',
  blank: '  ',
  list: [3, 1, 2],
  words: ['b', HOSTILE, 'a'],
  none: [],
  obj: { a: { b: { c: 'deep' } }, size: 'own size', first: 'own first', key: 'a' },
  items: [
    { name: 'one', kind: 'x', n: 1, on: true },
    { name: 'two', kind: 'y', n: 2, on: false },
    { name: HOSTILE, kind: 'x', n: 3 },
  ],
  keys: { chosen: 'kind' },
};

test('this liquidjs is the one the direct render was written for', () => {
  expect(directRenderProblem()).toBeNull();
  expect(DIRECT_RENDER_PROBLEM).toBeNull();
});

describe('the shipped templates render the same, byte for byte', () => {
  const templates = Object.fromEntries(Object.entries(DEFAULT_TEMPLATES).map(([key, t]) => [key, t.body]));
  test.each(['zh-Hans', 'en'])('every page of the fixture city in %s', (locale) => {
    const pages = fixturePages(locale);
    for (const page of PAGE_TEMPLATES) {
      const { liquidjs, fast } = both(templates, page, pages[page]);
      expect('html' in liquidjs && liquidjs.html.length > 500).toBe(true);
      expect(fast).toEqual(liquidjs);
    }
  });
});

describe('outputs', () => {
  test.each([
    ['escaping', '{{ s }}|{{ words | join: ", " }}|{{ s | raw }}|{{ s | escape }}'],
    [
      'size, first and last of arrays, strings and objects',
      '{{ list.size }} {{ list.first }} {{ list.last }} {{ s.size }} {{ obj.size }} {{ obj.first }} {{ none.first }} {{ none.size }}',
    ],
    ['inherited properties are not read', '[{{ obj.constructor }}][{{ obj.toString }}][{{ obj.__proto__ }}][{{ obj.hasOwnProperty }}][{{ list.length }}][{{ s.length }}]'],
    [
      'indexes, quoted keys and keys read from variables',
      '{{ list[0] }} {{ list[-1] }} {{ list[n] }} {{ obj["a"].b["c"] }} {{ obj[obj.key].b.c }} {{ items[1][keys.chosen] }} {{ list[nil] }}',
    ],
    ['what is missing renders as nothing', '<{{ nothing }}{{ nothing.at.all }}{{ nil.x }}{{ obj.a.missing.deeper }}{{ list[9] }}>'],
    ['literals', `{{ 'text' }} {{ "q<" }} {{ 42 }} {{ -1.5 }} {{ true }} {{ false }} {{ nil }} {{ empty }} {{ blank }}`],
    ['values of every type', '{{ n }} {{ zero }} {{ f }} {{ t }} {{ nil }} {{ list }} {{ obj }} {{ items }}'],
    [
      'filters with arguments, chained',
      `{{ s | upcase | truncate: 12 }} {{ n | plus: 2 | times: 3 }} {{ 'a,b' | split: ',' | reverse | join: '+' }} {{ s | replace: '<', '[' }} {{ nothing | default: 'd' }} {{ f | default: 'd', allow_false: true }}`,
    ],
    [
      'filters that run generators',
      `{{ items | where: 'kind', 'x' | map: 'name' | join: ';' }} {{ items | where: 'on' | size }} {{ items | sort: 'n' | map: 'n' | join }} {{ items | find: 'kind', 'y' | map: 'name' }}`,
    ],
    ['a filter given a variable as argument', `{{ words | join: s }} {{ items | where: 'kind', items[0].kind | size }}`],
  ])('%s', (_name, body) => {
    same(body, DATA);
  });
});

describe('conditions', () => {
  const conditions = [
    'n == 3',
    'n != 3',
    "s == 'x'",
    'nil == nothing',
    'nil == empty',
    'empty == empty',
    "empty == ''",
    'none == empty',
    'none != blank',
    'blank == blank',
    'list == list',
    'list == none',
    'n > 2',
    'n < 2',
    'n >= 3',
    'n <= zero',
    "s contains 'script'",
    'list contains 1',
    "words contains 'a'",
    "nothing contains 'a'",
    'f or t',
    'f and t',
    'n > 1 and zero == 0 or f',
    'not t',
    'zero',
    'empty',
    'none',
    'nothing',
    'obj.a.b',
    'items[1].on',
    "items.size > 2 and items.first.name == 'one'",
  ];
  test.each(conditions)('if, elsif and unless with %s', (condition) => {
    same(`{% if ${condition} %}yes{% elsif n == 3 %}elsif{% else %}no{% endif %}|{% unless ${condition} %}u{% elsif t %}ue{% else %}uelse{% endunless %}`, DATA);
  });
});

test("an engine's own operators are the ones used, == and != included", () => {
  // The tokenizer takes only the operators liquidjs knows: the same names, other meanings.
  const operators = { ...defaultOperators, '==': (l: unknown, r: unknown) => String(l) === String(r), contains: () => true };
  const body = "{% if n == '3' %}loose{% else %}strict{% endif %}{% if s contains 'zzz' %}+{% endif %}";
  const plain = new Liquid({ operators });
  const fast = directRenderEngine({ operators });
  const expected = plain.parseAndRenderSync(body, DATA);
  expect(expected).toBe('loose+');
  expect(fast.renderSync(withDirectRender(fast.parse(body)) as Template[], DATA)).toBe(expected);
});

describe('tags around the direct render keep liquidjs behaviour', () => {
  test.each([
    ['assign and capture', `{% assign x = s | upcase %}{{ x }}{% capture c %}[{{ n }}{{ x | size }}]{% endcapture %}{{ c }}{{ c | size }}`],
    [
      'for with forloop, limit, offset, reversed, else, break and continue',
      `{% for i in list limit: 2 offset: 1 %}{{ forloop.index }}/{{ forloop.length }}:{{ i }}{% if forloop.first %}F{% endif %}{% unless forloop.last %},{% endunless %}{% endfor %}|{% for i in list reversed %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% if i == 2 %}{% break %}{% endif %}{% endfor %}|{% for i in none %}x{% else %}none{% endfor %}|{% for i in (1..n) %}{{ i }}{% endfor %}`,
    ],
    [
      'nested loops with their parents',
      `{% for a in items %}{% for b in a.name | split: '' %}{% if forloop.index > 2 %}{% break %}{% endif %}{{ forloop.parentloop.index }}{{ b }}{% endfor %};{% endfor %}`,
    ],
    ['case', `{% for it in items %}{% case it.kind %}{% when 'x', 'z' %}X{% when 'y' %}Y{% else %}?{% endcase %}{% endfor %}`],
    [
      'cycle, increment, decrement and tablerow',
      `{% for i in list %}{% cycle 'a', 'b' %}{% endfor %}{% increment k %}{% increment k %}{% decrement j %}{% tablerow i in list cols: 2 %}{{ i }}{% endtablerow %}`,
    ],
    ['echo and the liquid tag', `{% liquid\n assign y = n | plus: 1\n echo y\n if y > 3\n echo 'big'\n endif\n%}{% echo s | size %}`],
    ['comments and whitespace control', `a {%- comment -%} hidden {{ s }} {%- endcomment -%} b {{- n -}} c {%- # inline -%} d`],
  ])('%s', (_name, body) => {
    same(body, DATA);
  });

  test('render and include, with arguments, with and for', () => {
    const partials = {
      card: '<{{ item.name }}|{{ label }}|{{ n }}{% if forloop %}#{{ forloop.index }}{% endif %}>',
      inc: '({{ n }}{{ s | size }}{% assign leaked = 1 %})',
    };
    same(
      `{% render 'card', item: items[0], label: s %}{% render 'card' with items[1] as item %}{% render 'card' for items as item %}{% include 'inc' %}{{ leaked }}`,
      DATA,
      partials
    );
  });

  test('layouts and blocks, with a default block', () => {
    const partials = { base: '<h>{% block head %}default {{ n }}{% endblock %}</h><m>{% block main %}{% endblock %}</m>' };
    same(`{% layout 'base' %}{% block main %}{{ s }}{% for i in list %}{{ i }}{% endfor %}{% endblock %}`, DATA, partials);
  });
});

describe('errors are the same errors', () => {
  test.each([
    ['an unknown filter', '{{ n | frobnicate }}'],
    ['a missing partial', "{% render 'nowhere' %}"],
    ['a tag that is not closed', '{% if n %}open'],
    ['a filter that throws on its input', `{{ s | date: '%Y' | slice: 0, 1 }}{{ obj | join }}`],
  ])('%s', (_name, body) => {
    same(body, DATA);
  });

  test('templates that include each other without end: stopped at the nesting limit, before the stack ends, said the same way', () => {
    // Not both(): where liquidjs runs out of stack differs from one render to the next.
    const templates = new Map([['page', "{% if n %}{% render 'page', n: n %}{% endif %}"]]);
    const liquidjs = outcome(templateEngine(templates, { directRender: false }), 'page', DATA);
    const direct = templateEngine(templates, { directRender: true });
    const fast = outcome(direct, 'page', DATA);
    expect(liquidjs).toEqual({ error: expect.stringMatching(/^templates include each other without end \(Maximum call stack size exceeded/) });
    expect(fast).toEqual({ error: expect.stringMatching(/^templates include each other without end \(templates nest more than 200 levels deep, file:page, line:1/) });
    expect(outcome(direct, 'page', DATA)).toEqual(fast);
    // The count of open lists is back to nothing: the next render is whole.
    same('{% for i in list %}{% if i %}{{ i }}{% endif %}{% endfor %}', DATA);
  });

  test(`the nesting limit: ${MAX_NESTING} lists deep render, one more is refused`, () => {
    const nested = (levels: number) => `${'{% if n %}'.repeat(levels)}deep${'{% endif %}'.repeat(levels)}`;
    // The page itself is one list, rendered by liquidjs's own loop into its own buffer.
    expect(same(nested(MAX_NESTING), DATA)).toEqual({ html: 'deep' });
    const { liquidjs, fast } = both({ page: nested(MAX_NESTING + 1) }, 'page', DATA);
    expect(liquidjs).toEqual({ html: 'deep' });
    expect(fast).toEqual({ error: expect.stringMatching(/^templates include each other without end \(templates nest more than 200 levels deep/) });
  });

  test('the memory limit stops a join of a huge array in both', () => {
    const result = same(`{% assign big = (1..2000000) %}{{ big | join: '----------------------------------' }}`, {});
    expect(result).toEqual({ error: expect.stringMatching(/memory alloc limit exceeded/) });
  });

  test('the render time limit stops a long loop in both', () => {
    const body = '{% for i in (1..200000) %}{% for j in (1..10) %}{{ i | plus: j }}{% endfor %}{% endfor %}';
    const data = {};
    const plain = new Liquid({ renderLimit: 50 });
    const fast = directRenderEngine({ renderLimit: 50 });
    expect(() => plain.renderSync(plain.parse(body), data)).toThrow(/template render limit exceeded/);
    const parsed = fast.parse(body);
    expect(() => fast.renderSync(parsed, data)).toThrow(/template render limit exceeded/);
  });
});

describe('renders that are not direct run liquidjs own code, on the same parsed templates', () => {
  const templates = new Map(Object.entries({ page: '{{ obj.a.b.c }}{% if n > 1 %}{{ missing.x }}{% endif %}' }));

  test('an asynchronous render after synchronous ones', async () => {
    const fast = templateEngine(templates, { directRender: true });
    const plain = templateEngine(templates, { directRender: false });
    const sync = fast.renderFileSync('page', DATA);
    expect(await fast.renderFile('page', DATA)).toBe(sync);
    expect(await plain.renderFile('page', DATA)).toBe(sync);
  });

  test('strictVariables: the same error naming the variable', () => {
    const fast = templateEngine(templates, { directRender: true });
    const plain = templateEngine(templates, { directRender: false });
    fast.renderFileSync('page', DATA);
    const error = (engine: Liquid) => {
      try {
        engine.renderFileSync('page', DATA, { strictVariables: true });
      } catch (e) {
        return liquidMessage(e);
      }
      return 'no error';
    };
    expect(error(fast)).toMatch(/undefined variable: missing/);
    expect(error(fast)).toBe(error(plain));
  });
});

test('a synchronous render is direct: outputs and conditions of a parsed page answer without generators', () => {
  const engine = templateEngine(new Map([['page', '{{ n }}{% if n %}{{ s }}{% endif %}']]), { directRender: true });
  engine.renderFileSync('page', DATA);
  const parsed = engine.parseFileSync('page') as Template[];
  const render = (node: Template) => (node as unknown as { render: (...args: unknown[]) => unknown }).render;
  expect(parsed.map((node) => Object.hasOwn(node, 'render'))).toEqual([true, true]);
  expect(parsed.map((node) => render(node).constructor.name)).toEqual(['Function', 'Function']);
});

describe('arbitrary templates and data (property-based)', () => {
  const path = fc.oneof(
    fc.constantFrom('s', 'n', 'zero', 'f', 't', 'nil', 'empty', 'list', 'none', 'obj', 'items', 'nothing', 'forloop'),
    fc.constantFrom(
      'obj.a.b.c',
      'obj.size',
      'obj.first',
      'list.size',
      'list.first',
      'list.last',
      'items[0].name',
      'items[1].on',
      'obj[obj.key]',
      'list[n]',
      's.size',
      'obj.constructor',
      'x',
      'x.y',
      'i'
    )
  );
  const literal = fc.oneof(fc.constantFrom("'x'", "'<&>'", '1', '0', '-2', 'true', 'false', 'nil', 'empty', 'blank'), fc.integer({ min: -3, max: 5 }).map(String));
  const operand = fc.oneof(path, literal);
  const filter = fc.constantFrom(
    '',
    ' | upcase',
    ' | size',
    ' | default: "d"',
    ' | join: ","',
    ' | plus: 1',
    ' | first',
    ' | escape',
    ' | downcase | append: "!"',
    ' | split: "e"'
  );
  const condition = fc.oneof(
    operand,
    fc.tuple(operand, fc.constantFrom('==', '!=', '<', '>', '<=', '>=', 'contains'), operand).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(operand, fc.constantFrom('and', 'or'), operand).map(([l, op, r]) => `${l} ${op} ${r}`)
  );
  const node: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? fc.oneof(
          fc.tuple(operand, filter).map(([v, f]) => `{{ ${v}${f} }}`),
          fc.constantFrom('<b>', ' text ', '&amp;')
        )
      : fc.oneof(
          fc.tuple(operand, filter).map(([v, f]) => `{{ ${v}${f} }}`),
          fc.tuple(condition, node(depth - 1), node(depth - 1)).map(([c, a, b]) => `{% if ${c} %}${a}{% else %}${b}{% endif %}`),
          fc.tuple(condition, node(depth - 1)).map(([c, a]) => `{% unless ${c} %}${a}{% endunless %}`),
          fc
            .tuple(fc.constantFrom('list', 'items', 'none', 'words', 's', 'obj', 'nothing'), node(depth - 1))
            .map(([c, a]) => `{% for i in ${c} %}${a}{{ forloop.index }}{% endfor %}`),
          fc.tuple(operand, filter, node(depth - 1)).map(([v, f, a]) => `{% assign x = ${v}${f} %}${a}`)
        )
  );
  const value = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(HOSTILE),
      fc.array(tie('any'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'name', 'size', 'first'), tie('any'), { maxKeys: 3 })
    ),
  })).any;
  const data = fc.record({ s: value, n: value, obj: value, list: value, items: value, x: value }, { requiredKeys: [] }).map((d) => ({ ...DATA, ...d }));

  test('render the same, or fail the same', () => {
    fc.assert(
      fc.property(fc.array(node(3), { minLength: 1, maxLength: 4 }), data, (nodes, d) => {
        const body = nodes.join('');
        const { liquidjs, fast } = both({ page: body }, 'page', d);
        expect({ body, fast }).toEqual({ body, fast: liquidjs });
      }),
      { numRuns: 1000 }
    );
  });
});
