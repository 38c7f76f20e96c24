import { answerSpace } from '../../src/plugins/linkage/server/src/domain/answer-space';
import { END, START, flowGraph, type FlowGraph } from '../../src/plugins/linkage/server/src/domain/flow-graph';
import { clone } from './demo-fixtures';
import { ALLOWANCE, HOUSING, MEDICAL, RETIREMENT, itemOf, navigatorOf, spaceOf } from './navigator-fixtures';

const nav = navigatorOf();
const LOCALES = ['zh-Hans', 'en'];
const edgeSet = (graph: FlowGraph) => graph.edges.map((e) => `${e.from} -> ${e.to}`).sort();
const edge = (graph: FlowGraph, from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);

describe('flowGraph: the retirement item', () => {
  const graph = flowGraph(spaceOf(nav, RETIREMENT), LOCALES);

  it('has a start, the four stages in order with their levels, and an end', () => {
    expect(graph.nodes.map((n) => [n.id, n.kind, n.level ?? null])).toEqual([
      [START, 'start', null],
      ['stage:work-ability-appraisal', 'stage', 'city'],
      ['stage:district-approval', 'stage', 'district'],
      ['stage:district-review', 'stage', 'district'],
      ['stage:city-approval', 'stage', 'city'],
      [END, 'end', null],
    ]);
    expect(START).toBe('start');
    expect(END).toBe('end');
  });

  it('has exactly the eight transitions citizens take', () => {
    expect(edgeSet(graph)).toEqual(
      [
        'start -> stage:work-ability-appraisal',
        'start -> stage:district-approval',
        'start -> stage:district-review',
        'start -> stage:city-approval',
        'stage:work-ability-appraisal -> stage:city-approval',
        'stage:district-review -> stage:city-approval',
        'stage:district-approval -> end',
        'stage:city-approval -> end',
      ].sort()
    );
    expect(graph.edges).toHaveLength(8);
  });

  it('has no transition the rules exclude (district approval never leads to city approval; review never ends the route)', () => {
    expect(edge(graph, 'stage:district-approval', 'stage:city-approval')).toBeUndefined();
    expect(edge(graph, 'stage:district-review', END)).toBeUndefined();
    expect(edge(graph, 'stage:work-ability-appraisal', END)).toBeUndefined();
  });

  it('labels an edge into a stage with that stage condition in each locale; edges into the end carry none', () => {
    expect(edge(graph, START, 'stage:work-ability-appraisal')?.label).toEqual({
      'zh-Hans': '退休类型为「因病退休」',
      en: 'Type of retirement is "Retirement on illness"',
    });
    const intoCity = edge(graph, 'stage:district-review', 'stage:city-approval')?.label;
    expect(intoCity?.['zh-Hans']).toMatch(/^并非\(退休类型为「正常退休」且/);
    expect(intoCity?.en).toMatch(/^not \(Type of retirement is "Normal retirement" and /);
    expect(edge(graph, START, 'stage:city-approval')?.label).toEqual(intoCity);
    expect(edge(graph, 'stage:city-approval', END)?.label).toBeUndefined();
    expect(edge(graph, 'stage:district-approval', END)?.label).toBeUndefined();
  });

  it('gives each stage node its name and readable condition', () => {
    const node = graph.nodes.find((n) => n.id === 'stage:district-approval');
    expect(node?.name).toEqual({ 'zh-Hans': '区社会劳动保险经办机构核准', en: 'Approval by the district social insurance agency' });
    expect(node?.stageKey).toBe('district-approval');
    expect(node?.condition?.['zh-Hans']).toContain('原企业所在区(市)为「区」');
    expect(node?.condition?.en).toContain('where the enterprise is registered is a district');
  });

  it('writes labels in only the locales asked for', () => {
    const only = flowGraph(spaceOf(nav, RETIREMENT), ['en']);
    expect(Object.keys(edge(only, START, 'stage:work-ability-appraisal')?.label ?? {})).toEqual(['en']);
  });
});

describe('flowGraph: the other items', () => {
  it('allowance: one straight line through four levels, no labels (every stage always applies)', () => {
    const graph = flowGraph(spaceOf(nav, ALLOWANCE), LOCALES);
    expect(graph.edges).toEqual([
      { from: START, to: 'stage:community-acceptance' },
      { from: 'stage:community-acceptance', to: 'stage:street-review' },
      { from: 'stage:street-review', to: 'stage:district-approval' },
      { from: 'stage:district-approval', to: 'stage:city-filing' },
      { from: 'stage:city-filing', to: END },
    ]);
    expect(graph.nodes.filter((n) => n.kind === 'stage').map((n) => n.level)).toEqual(['community', 'street', 'district', 'city']);
    expect(graph.nodes.every((n) => n.condition === undefined)).toBe(true);
  });

  it('housing: registered households pass the community and street, others start at the district', () => {
    const graph = flowGraph(spaceOf(nav, HOUSING), LOCALES);
    expect(edgeSet(graph)).toEqual(
      [
        'start -> stage:community-acceptance',
        'stage:community-acceptance -> stage:street-review',
        'stage:street-review -> stage:district-review',
        'start -> stage:district-review',
        'stage:district-review -> stage:city-approval',
        'stage:city-approval -> end',
      ].sort()
    );
    expect(edge(graph, START, 'stage:community-acceptance')?.label?.en).toBe('Type of applicant is "Registered household with housing difficulty"');
    expect(edge(graph, START, 'stage:district-review')?.label).toBeUndefined();
  });

  it('medical insurance: community then district', () => {
    expect(edgeSet(flowGraph(spaceOf(nav, MEDICAL), LOCALES))).toEqual(
      ['start -> stage:community-registration', 'stage:community-registration -> stage:district-confirmation', 'stage:district-confirmation -> end'].sort()
    );
  });

  it('leaves out a stage no combination reaches, and every edge to or from it', () => {
    const item = clone(itemOf(nav, RETIREMENT));
    item.stages[0].appliesWhen = false;
    const graph = flowGraph(answerSpace(item, nav.units), LOCALES);
    expect(graph.nodes.map((n) => n.id)).not.toContain('stage:work-ability-appraisal');
    expect(graph.edges.some((e) => e.from === 'stage:work-ability-appraisal' || e.to === 'stage:work-ability-appraisal')).toBe(false);
    // Illness now goes straight to city approval.
    expect(edge(graph, START, 'stage:city-approval')).toBeDefined();
  });

  it('every edge joins two nodes of the graph', () => {
    for (const code of [RETIREMENT, ALLOWANCE, HOUSING, MEDICAL]) {
      const graph = flowGraph(spaceOf(nav, code), LOCALES);
      const ids = new Set(graph.nodes.map((n) => n.id));
      expect(graph.edges.filter((e) => !ids.has(e.from) || !ids.has(e.to))).toEqual([]);
    }
  });
});
