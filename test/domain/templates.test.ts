// Site templates: Liquid whose output is escaped, `raw` neutralised in the engine and refused before
// publishing, partials and layouts only from other templates (no file system), and limits on
// parsing, rendering time and memory; templateProblems checks a template about to be published.
import { TEMPLATE_LIMITS, liquidMessage, rawProblems, templateEngine, templateProblems } from '../../src/plugins/linkage/server/src/domain/templates';
import { DEFAULT_TEMPLATES, PAGE_TEMPLATES } from '../../src/plugins/linkage/server/src/site-templates/defaults';
import { fixturePages } from '../../src/plugins/linkage/server/src/site-templates/fixtures';

const HOSTILE = `</script><script>alert("x")</script> & 'q'`;
const HOSTILE_ESCAPED = '&lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;';

const engineOf = (templates: Record<string, string> = {}) => templateEngine(new Map(Object.entries(templates)));
const render = (body: string, data: object = {}, templates: Record<string, string> = {}) => engineOf(templates).parseAndRender(body, data);
const renderError = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    return liquidMessage(error);
  }
  throw new Error('expected the template to fail');
};

const DEFAULT_BODIES = new Map(Object.entries(DEFAULT_TEMPLATES).map(([key, t]) => [key, t.body]));
const messages = (problems: Array<{ path: unknown; message: string }>) => problems.map((p) => p.message);

describe('templateEngine: rendering', () => {
  it('renders variables, filters, loops and conditions', async () => {
    const out = await render('{{ site.name | upcase }}:{% for s in stages %}{% if s.own %}[{{ s.key }}]{% endif %}{% endfor %}', {
      site: { name: 'jiaozhou' },
      stages: [
        { key: 'a', own: true },
        { key: 'b', own: false },
        { key: 'c', own: true },
      ],
    });
    expect(out).toBe('JIAOZHOU:[a][c]');
  });

  it('renders an undefined variable as nothing rather than failing', async () => {
    expect(await render('<{{ nothing.here.at.all }}>')).toBe('<>');
  });

  it('reads only own properties: no prototype property (constructor, toString) is reachable', async () => {
    expect(await render('{{ o.constructor }}|{{ o.toString }}|{{ o.a }}', { o: { a: 1 } })).toBe('||1');
  });
});

describe('templateEngine: output is escaped', () => {
  it('escapes <, >, &, " and \' in every {{ }} output', async () => {
    expect(await render('{{ x }}', { x: HOSTILE })).toBe(HOSTILE_ESCAPED);
  });

  it('escapes output after filters too', async () => {
    expect(await render('{{ x | append: "<b>" }}', { x: '<i>' })).toBe('&lt;i&gt;&lt;b&gt;');
  });

  it('keeps the `raw` filter from unescaping: output stays escaped, wherever raw stands', async () => {
    expect(await render('{{ x | raw }}', { x: HOSTILE })).toBe(HOSTILE_ESCAPED);
    expect(await render('{{ x | upcase | raw }}', { x: '<b>' })).toBe('&lt;B&gt;');
    expect(await render('{{ x | raw | upcase }}', { x: '<b>' })).toBe('&lt;B&gt;');
  });

  it('escapes the echo tag, with or without raw, and inside a liquid tag', async () => {
    expect(await render('{% echo x %}', { x: '<b>' })).toBe('&lt;b&gt;');
    expect(await render('{% echo x | raw %}', { x: '<b>' })).toBe('&lt;b&gt;');
    expect(await render('{% liquid\necho x\n%}', { x: '<b>' })).toBe('&lt;b&gt;');
  });

  it("leaves the template text itself unescaped (the markup is the template author's)", async () => {
    expect(await render('<p class="x">{{ x }}</p>', { x: '<b>' })).toBe('<p class="x">&lt;b&gt;</p>');
  });

  it("escapes output in partials and in a layout's blocks", async () => {
    const templates = {
      layout: '<main>{% block content %}{% endblock %}</main>',
      page: '{% layout "layout" %}{% block content %}{{ x }}{% render "part", x: x %}{% endblock %}',
      part: '[{{ x }}]',
    };
    expect(await engineOf(templates).renderFile('page', { x: '<b>' })).toBe('<main>&lt;b&gt;[&lt;b&gt;]</main>');
  });
});

describe('templateEngine: partials and layouts come from the given templates only', () => {
  it("fills a layout's blocks from the page, keeping the layout's default for a block the page leaves out", async () => {
    const templates = {
      layout: '<title>{% block title %}Site{% endblock %}</title><main>{% block content %}empty{% endblock %}</main>',
      page: '{% layout "layout" %}{% block content %}<h1>{{ h }}</h1>{% endblock %}',
    };
    expect(await engineOf(templates).renderFile('page', { h: 'Hi' })).toBe('<title>Site</title><main><h1>Hi</h1></main>');
  });

  it('includes and renders partials by their key, with or without arguments', async () => {
    const templates = { part: '({{ x }})' };
    expect(await render('{% include "part" %}', { x: 1 }, templates)).toBe('(1)');
    expect(await render('{% render "part", x: 2 %}', { x: 1 }, templates)).toBe('(2)');
  });

  it('fails on a partial or layout that is not one of the templates', async () => {
    expect(await renderError(render('{% include "nope" %}'))).toMatch(/nope/);
    expect(await renderError(render('{% layout "nope" %}x'))).toMatch(/nope/);
  });

  it('reads no file from the disk, whatever path a template names', async () => {
    for (const path of ['/etc/passwd', '../../../../etc/passwd', 'package.json', __filename]) {
      expect(await renderError(render(`{% include "${path}" %}`))).toMatch(/Failed to lookup/);
    }
  });

  it('takes a template body as given: a template key needs no extension', async () => {
    expect(await engineOf({ 'item-page': 'ok {{ x }}' }).renderFile('item-page', { x: 1 })).toBe('ok 1');
  });

  it('refuses an unknown filter when parsing (strict filters)', () => {
    expect(() => engineOf().parse('{{ x | no_such_filter }}')).toThrow(/undefined filter: no_such_filter/);
  });
});

describe('templateEngine: limits', () => {
  it('has the limits it promises', () => {
    expect(TEMPLATE_LIMITS).toEqual({ parseLimit: 200_000, renderLimit: 2_000, memoryLimit: 64 * 1024 * 1024 });
  });

  it('refuses to parse a template longer than the parse limit, and parses one just under it', async () => {
    expect(() => engineOf().parse('x'.repeat(TEMPLATE_LIMITS.parseLimit + 1))).toThrow(/parse length limit exceeded/);
    expect((await render('x'.repeat(TEMPLATE_LIMITS.parseLimit - 1))).length).toBe(TEMPLATE_LIMITS.parseLimit - 1);
  });

  it('stops a render that allocates more than the memory limit (a huge range, a doubling string)', async () => {
    expect(await renderError(render('{% for i in (1..100000000) %}{% endfor %}'))).toMatch(/memory alloc limit exceeded/);
    expect(await renderError(render('{% assign s = "x" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}'))).toMatch(/memory alloc limit exceeded/);
  });

  it('stops a render that runs longer than the render limit', async () => {
    const started = Date.now();
    const message = await renderError(render('{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}'));
    expect(message).toMatch(/render limit exceeded/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('holds to the same limits when rendering synchronously, as the sites do', () => {
    const engine = engineOf({ slow: '{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}', big: '{% for i in (1..100000000) %}{% endfor %}' });
    expect(() => engine.renderFileSync('slow', {})).toThrow(/render limit exceeded/);
    expect(() => engine.renderFileSync('big', {})).toThrow(/memory alloc limit exceeded/);
  });
});

describe('rawProblems', () => {
  it('refuses the raw filter, naming its line', () => {
    expect(rawProblems('<p>\n{{ x | raw }}</p>')).toEqual([{ path: ['body'], message: 'line 2: the "raw" filter is not allowed: template output is always escaped' }]);
  });

  it('refuses the raw filter however it is spaced, after other filters, and in echo', () => {
    for (const body of ['{{x|raw}}', '{{ x |raw }}', '{{ x | upcase | raw }}', '{{ x |\n raw }}', '{% echo x | raw %}', '{{- x | raw -}}']) {
      expect({ body, count: rawProblems(body).length }).toEqual({ body, count: 1 });
    }
  });

  it('refuses the raw tag, with or without whitespace control, naming its line', () => {
    expect(rawProblems('a\nb\n{% raw %}{{ x }}{% endraw %}')).toEqual([{ path: ['body'], message: 'line 3: the "raw" tag is not allowed' }]);
    expect(rawProblems('{%- raw -%}x{%- endraw -%}').map((p) => p.message)).toEqual(['line 1: the "raw" tag is not allowed']);
    expect(rawProblems('{%raw%}x{%endraw%}')).toHaveLength(1);
  });

  it('reports every use of raw', () => {
    const body = '{{ a | raw }}\n{{ b }}\n{{ c | raw }}\n{% raw %}{% endraw %}';
    expect(messages(rawProblems(body)).sort()).toEqual([
      'line 1: the "raw" filter is not allowed: template output is always escaped',
      'line 3: the "raw" filter is not allowed: template output is always escaped',
      'line 4: the "raw" tag is not allowed',
    ]);
  });

  it('leaves alone words that only begin with raw, and templates without raw', () => {
    expect(rawProblems('{{ x | rawish }}{{ drawing }}{% rawhide %}{{ raw_text }}')).toEqual([]);
    expect(rawProblems(DEFAULT_TEMPLATES['item-page'].body)).toEqual([]);
  });
});

describe('liquidMessage', () => {
  it("is a Liquid error's first line, which already says its line", async () => {
    const message = await renderError(render('{% if x %}'));
    expect(message).toMatch(/not closed, line:1, col:1$/);
    expect(message).not.toContain('\n');
  });

  it("adds the token's position when the message does not say it", () => {
    expect(liquidMessage({ message: 'boom\nstack', token: { getPosition: () => [3, 7] } })).toBe('boom (line 3, column 7)');
    expect(liquidMessage({ message: 'boom, line:3, col:7', token: { getPosition: () => [3, 7] } })).toBe('boom, line:3, col:7');
  });

  it('says anything else thrown as a string', () => {
    expect(liquidMessage('plain')).toBe('plain');
    expect(liquidMessage(new Error('first\nsecond'))).toBe('first');
  });
});

describe('templateProblems', () => {
  const published = new Map([
    ['layout', '<html>{% block content %}{% endblock %}</html>'],
    ['page', '{% layout "layout" %}{% block content %}{{ x }}{% include "part" %}{% endblock %}'],
    ['part', '[{{ x }}]'],
  ]);
  const fixtures = { page: { x: 1 } };

  it('finds nothing wrong with a template that parses and renders every page', async () => {
    expect(await templateProblems('part', '<em>{{ x | plus: 1 }}</em>', published, fixtures)).toEqual([]);
  });

  it('refuses raw first, without parsing or rendering', async () => {
    expect(await templateProblems('page', '{% if %}{{ x | raw }}', published, fixtures)).toEqual([
      { path: ['body'], message: 'line 1: the "raw" filter is not allowed: template output is always escaped' },
    ]);
  });

  it('says a template that does not parse does not parse, with where', async () => {
    const problems = await templateProblems('part', '{% for x in y %}', published, fixtures);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toEqual(['body']);
    expect(problems[0].message).toMatch(/^does not parse: .*not closed.*line:1/);
  });

  it('refuses an unknown filter as not parsing', async () => {
    expect(messages(await templateProblems('part', '{{ x | bogus }}', published, fixtures))).toEqual([expect.stringMatching(/^does not parse: undefined filter: bogus/)]);
  });

  it('renders the page templates with the new version in place: a partial that breaks a page is refused, naming the page', async () => {
    const problems = await templateProblems('part', '{% include "gone" %}', published, fixtures);
    expect(messages(problems)).toEqual([expect.stringMatching(/^rendering "page" with it: .*gone/)]);
  });

  it('a layout that breaks a page is refused, naming the page', async () => {
    const problems = await templateProblems('layout', '<html>{% render "gone" %}{% block content %}{% endblock %}</html>', published, fixtures);
    expect(messages(problems)).toEqual([expect.stringMatching(/^rendering "page" with it: .*gone/)]);
  });

  it('a page that fails to render is refused without naming itself', async () => {
    const problems = await templateProblems('page', '{% for i in (1..100000000) %}{% endfor %}', published, fixtures);
    expect(messages(problems)).toEqual([expect.stringMatching(/^memory alloc limit exceeded/)]);
  });

  it('a new page template is rendered against its fixture even though nothing was published under its key', async () => {
    const problems = await templateProblems('other', '{% include "gone" %}', published, { ...fixtures, other: {} });
    expect(messages(problems)).toEqual([expect.stringMatching(/gone/)]);
    expect(problems[0].message).not.toMatch(/^rendering "/);
  });

  it('refuses a partial that includes itself forever, saying so (stopped, not a crash)', async () => {
    const problems = await templateProblems('part', 'a{% include "part" %}', published, fixtures);
    expect(messages(problems)).toEqual([expect.stringMatching(/^rendering "page" with it: templates include each other without end/)]);
  });

  it('renders only the fixtures whose page is among the templates', async () => {
    expect(await templateProblems('part', 'fine', published, { ...fixtures, 'not-a-template': {} })).toEqual([]);
  });

  it('checks against the published versions: the published body of the key is replaced, not rendered', async () => {
    const broken = new Map(published);
    broken.set('part', '{% include "gone" %}');
    expect(await templateProblems('part', 'fixed {{ x }}', broken, fixtures)).toEqual([]);
  });

  it('says in both admin languages a refusal the renderer gives in both (a page the server cannot write its head into), naming the page', async () => {
    const text = { en: 'the page has a <link rel="canonical"> of its own', 'zh-Hans': '页面自带 <link rel="canonical">' };
    const renderer = async () => {
      throw Object.assign(new Error(text.en), { text });
    };
    expect(await templateProblems('part', 'fine', published, fixtures, renderer)).toEqual([
      { path: ['body'], message: `rendering "page" with it: ${text.en}`, text: { en: `rendering "page" with it: ${text.en}`, 'zh-Hans': `用它渲染"page"时：${text['zh-Hans']}` } },
    ]);
    expect(await templateProblems('page', 'fine', published, fixtures, renderer)).toEqual([{ path: ['body'], message: text.en, text }]);
  });

  it('does not change the published templates it is given', async () => {
    const before = new Map(published);
    await templateProblems('part', '{% include "gone" %}', published, fixtures);
    expect(published).toEqual(before);
  });
});

describe('the shipped templates against the fixture pages', () => {
  it('have no problem, each one checked as if about to be published', async () => {
    const pages = fixturePages();
    const found: string[] = [];
    for (const [key, body] of DEFAULT_BODIES) {
      for (const p of await templateProblems(key, body, DEFAULT_BODIES, pages)) found.push(`${key}: ${p.message}`);
    }
    expect(found).toEqual([]);
  });

  it("render a guide's </script> as escaped text: no script element is opened by data", async () => {
    const pages = fixturePages() as Record<string, Record<string, unknown>>;
    const html = await templateEngine(DEFAULT_BODIES).renderFile('item-page', pages['item-page']);
    expect(html).toContain('条件 &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('示例事项 &lt;b&gt;&amp;&#34;');
  });

  it('render every page template of the fixture in both locales', async () => {
    for (const locale of ['zh-Hans', 'en']) {
      const pages = fixturePages(locale);
      for (const page of PAGE_TEMPLATES) {
        const html = await templateEngine(DEFAULT_BODIES).renderFile(page, pages[page]);
        expect({ locale, page, lang: /<html lang="([^"]+)"/.exec(html)?.[1] }).toEqual({ locale, page, lang: locale });
      }
    }
  });
});
