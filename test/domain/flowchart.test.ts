// The flow chart rendered as Mermaid text and as a standalone SVG.
import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import type { CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { flowGraph } from '../../src/plugins/linkage/server/src/domain/flow-graph';
import { flowchartMermaid } from '../../src/plugins/linkage/server/src/domain/flowchart-mermaid';
import { flowchartSvg, wrap } from '../../src/plugins/linkage/server/src/domain/flowchart-svg';
import { clone } from './demo-fixtures';
import { ALLOWANCE, HOUSING, MEDICAL, RETIREMENT, itemOf, navigatorOf, spaceOf } from './navigator-fixtures';

const nav = navigatorOf();
const LOCALES = ['zh-Hans', 'en'];
const graphOf = (item: CatalogItem | string) => flowGraph(typeof item === 'string' ? spaceOf(nav, item) : answerSpace(item, nav.units), LOCALES);

const EVIL_NAME = '审核</script>&<b>"x"';
/** The retirement item with texts that would break markup if written raw. */
const hostileItem = (): CatalogItem => {
  const item = clone(itemOf(nav, RETIREMENT));
  item.stages[0].name = { 'zh-Hans': EVIL_NAME, en: 'Appraisal </script><script>alert(1)</script> & "co"' };
  item.questions[0].options = item.questions[0].options?.map((o) =>
    o.value === 'illness' ? { value: o.value, label: { 'zh-Hans': '因病 <退休> & "特殊"', en: 'Ill <health> & "other"' } } : o
  );
  return item;
};

/**
 * A small XML well-formedness check: tags balance, attributes are quoted, and `<` and `&` appear in
 * text and attribute values only as entities. Returns the problems found.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  let i = 0;
  while (i < xml.length) {
    const ch = xml[i];
    if (ch === '<') {
      tag.lastIndex = i;
      const m = tag.exec(xml);
      if (!m) {
        problems.push(`malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
        i += 1;
        continue;
      }
      const [, closing, name, attrs, selfClosing] = m;
      for (const value of attrs.matchAll(/="([^"]*)"/g)) {
        for (const amp of value[1].matchAll(/&/g)) {
          entity.lastIndex = amp.index ?? 0;
          if (!entity.test(value[1])) problems.push(`raw & in attribute of <${name}>`);
        }
      }
      if (closing) {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open}>`);
      } else if (!selfClosing) stack.push(name);
      i = tag.lastIndex;
    } else if (ch === '&') {
      entity.lastIndex = i;
      if (!entity.test(xml)) problems.push(`raw & at ${i}: ${xml.slice(i, i + 20)}`);
      i += 1;
    } else if (ch === '>') {
      problems.push(`raw > in text at ${i}`);
      i += 1;
    } else i += 1;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

/** The text content of every <text> element, unescaped, in document order. */
const svgTexts = (svg: string): string =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) =>
      m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    )
    .join(' ');
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('xmlProblems (the checker these tests use)', () => {
  it('accepts well-formed markup and finds unbalanced tags, raw & and raw <', () => {
    expect(xmlProblems('<a x="1"><b/>t &amp; u</a>')).toEqual([]);
    expect(xmlProblems('<a><b></a>').length).toBeGreaterThan(0);
    expect(xmlProblems('<a>t & u</a>')).toEqual(['raw & at 5: & u</a>']);
    expect(xmlProblems('<a>x </script> y</a>').length).toBeGreaterThan(0);
  });
});

describe('flowchartMermaid', () => {
  const zh = flowchartMermaid(graphOf(RETIREMENT), 'zh-Hans');
  const en = flowchartMermaid(graphOf(RETIREMENT), 'en');

  it('starts with `flowchart TD` and ends with a newline', () => {
    expect(zh.startsWith('flowchart TD\n')).toBe(true);
    expect(zh.endsWith('\n')).toBe(true);
  });

  it('declares start, the four stages with their level, and the end, in each locale', () => {
    const lines = zh.trimEnd().split('\n');
    expect(lines.slice(1, 7)).toEqual([
      '  n_start(["开始"])',
      '  n_stage_work_ability_appraisal["劳动能力鉴定 · 市级"]',
      '  n_stage_district_approval["区社会劳动保险经办机构核准 · 区(市)级"]',
      '  n_stage_district_review["区(市)社会保险经办机构审核 · 区(市)级"]',
      '  n_stage_city_approval["市劳动保险经办机构核准 · 市级"]',
      '  n_end(["办结"])',
    ]);
    expect(en).toContain('  n_start(["Start"])');
    expect(en).toContain('  n_stage_work_ability_appraisal["Work ability appraisal · city level"]');
    expect(en).toContain('  n_end(["Done"])');
  });

  it('writes one arrow per edge, labelled with the condition, and never uses the keyword `end` as a node id', () => {
    const arrows = zh.split('\n').filter((l) => l.includes('-->'));
    expect(arrows).toHaveLength(8);
    expect(arrows).toContain('  n_start -->|"退休类型为「因病退休」"| n_stage_work_ability_appraisal');
    expect(arrows).toContain('  n_stage_city_approval --> n_end');
    for (const line of zh.split('\n').slice(1)) {
      const ids = line.replace(/"[^"]*"/g, '').match(/[A-Za-z_][\w]*/g) ?? [];
      expect(ids).not.toContain('end');
    }
  });

  it('escapes double quotes in labels (English conditions quote option labels)', () => {
    const arrow = en.split('\n').find((l) => l.startsWith('  n_start -->') && l.endsWith('n_stage_work_ability_appraisal'));
    expect(arrow).toBe('  n_start -->|"Type of retirement is #quot;Retirement on illness#quot;"| n_stage_work_ability_appraisal');
    for (const line of en.split('\n').slice(1)) {
      // Every label is one quoted string: an even number of quotes, none inside.
      expect((line.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });

  it('escapes angle brackets and quotes of hostile texts, leaving no markup', () => {
    const text = flowchartMermaid(graphOf(hostileItem()), 'zh-Hans');
    expect(text).toContain('n_stage_work_ability_appraisal["审核#lt;/script#gt;&#lt;b#gt;#quot;x#quot; · 市级"]');
    expect(text.replace(/-->/g, '')).not.toMatch(/[<>]/);
    for (const line of text.split('\n').slice(1)) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('renders every demo item', () => {
    for (const code of [ALLOWANCE, HOUSING, MEDICAL]) {
      const text = flowchartMermaid(graphOf(code), 'en');
      expect(text.startsWith('flowchart TD\n')).toBe(true);
      expect(text).toContain('n_start');
      expect(text).toContain('n_end');
    }
  });
});

describe('flowchartSvg', () => {
  const svgZh = flowchartSvg(graphOf(RETIREMENT), 'zh-Hans', '企业职工退休认证');
  const svgEn = flowchartSvg(graphOf(RETIREMENT), 'en', 'Retirement certification for enterprise employees');

  it('is one well-formed svg element with the SVG namespace', () => {
    expect(svgZh.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svgZh.trimEnd().endsWith('</svg>')).toBe(true);
    expect(xmlProblems(svgZh)).toEqual([]);
    expect(xmlProblems(svgEn)).toEqual([]);
  });

  it('has a title naming the item and the chart, in the locale', () => {
    expect(svgZh).toContain('<title id="flow-title">企业职工退休认证 · 办理流程图</title>');
    expect(svgEn).toContain('<title id="flow-title">Retirement certification for enterprise employees · Flow chart</title>');
  });

  it('contains no script and no event handler attribute', () => {
    for (const svg of [svgZh, svgEn]) {
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('draws one arrow per edge, a lane per level used, and the start and end', () => {
    expect((svgZh.match(/marker-end="url\(#arrow\)"/g) ?? []).length).toBe(8);
    expect(svgZh).toContain('>市级</text>');
    expect(svgZh).toContain('>区(市)级</text>');
    expect(svgZh).not.toContain('>街道(镇)级</text>');
    expect(svgZh).toContain('>开始</text>');
    expect(svgZh).toContain('>办结</text>');
    expect(svgEn).toContain('>Start</text>');
    expect(svgEn).toContain('>Done</text>');
  });

  it('writes each stage name and condition text', () => {
    expect(svgZh).toContain('>劳动能力鉴定</text>');
    expect(svgZh).toContain('退休类型为「因病退休」');
    expect(svgEn).toContain('Work ability appraisal');
  });

  it('draws the allowance in four lanes, community to city', () => {
    const svg = flowchartSvg(graphOf(ALLOWANCE), 'zh-Hans', '最低生活保障申请');
    expect(xmlProblems(svg)).toEqual([]);
    for (const lane of ['市级', '区(市)级', '街道(镇)级', '社区(村)级']) expect(svg).toContain(`>${lane}</text>`);
  });

  it('escapes <, >, & and " in stage names, conditions and the heading (</script> and & stay text)', () => {
    const item = hostileItem();
    const svg = flowchartSvg(graphOf(item), 'zh-Hans', 'A & B </script> "q"');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toContain('</script>');
    expect(svg).toContain('<title id="flow-title">A &amp; B &lt;/script&gt; &quot;q&quot; · 办理流程图</title>');
    expect(svg).toContain('&lt;/script&gt;&amp;&lt;b&gt;&quot;x&quot;');
    expect(svg).toContain('因病 &lt;退休&gt; &amp; &quot;特殊&quot;');
    const svgEn2 = flowchartSvg(graphOf(item), 'en', 'x');
    expect(xmlProblems(svgEn2)).toEqual([]);
    expect(svgEn2).not.toMatch(/<script/i);
    expect(svgEn2).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svgEn2).toContain('Ill &lt;health&gt;');
    expect(svgEn2).toContain('&amp; &quot;other&quot;');
    expect(squeeze(svgTexts(svgEn2))).toContain(squeeze('Type of retirement is "Ill <health> & "other""'));
  });

  it.each(['zh-Hans', 'en'])('writes the whole condition and name of every demo stage in %s (nothing cut off)', (locale) => {
    for (const code of [RETIREMENT, ALLOWANCE, HOUSING, MEDICAL]) {
      const graph = graphOf(code);
      const written = squeeze(svgTexts(flowchartSvg(graph, locale, code)));
      for (const node of graph.nodes.filter((n) => n.kind === 'stage')) {
        expect({ stage: node.stageKey, name: written.includes(squeeze(node.name?.[locale] ?? '')) }).toEqual({ stage: node.stageKey, name: true });
        if (node.condition) {
          expect({ stage: node.stageKey, condition: written.includes(squeeze(node.condition[locale])) }).toEqual({ stage: node.stageKey, condition: true });
        }
      }
    }
  });

  it('draws an empty chart (start and end only) without failing', () => {
    const svg = flowchartSvg(
      {
        nodes: [
          { id: 'start', kind: 'start' },
          { id: 'end', kind: 'end' },
        ],
        edges: [{ from: 'start', to: 'end' }],
      },
      'en',
      'Empty'
    );
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('>Start</text>');
  });
});

describe('wrap', () => {
  it('breaks Latin text at spaces', () => {
    expect(wrap('aaa bbb ccc', 30)).toEqual(['aaa', 'bbb', 'ccc']);
    expect(wrap('aaa bbb ccc', 1000)).toEqual(['aaa bbb ccc']);
  });

  it('breaks Han text anywhere (each character 13 wide)', () => {
    expect(wrap('一二三四五', 26)).toEqual(['一二', '三四', '五']);
  });

  it('keeps a word longer than the line whole rather than losing it', () => {
    expect(wrap('supercalifragilistic', 20)).toEqual(['supercalifragilistic']);
  });

  it('gives no lines for empty text', () => {
    expect(wrap('', 100)).toEqual([]);
    expect(wrap('   ', 100)).toEqual([]);
  });

  it('loses no characters of a long mixed condition', () => {
    const text = '原企业类型为「内资企业(不含外资企业)」且((退休类型为「正常退休」且原企业所在区(市)为「县级市」)或退休类型为「特殊工种退休」)';
    expect(wrap(text, 260).join('')).toBe(text);
  });
});
