// An item's flow chart as a graph: its stages, and the transitions citizens actually take, found
// by routing every combination of core answers. An edge into a stage carries that stage's
// condition, readable, in every locale.
import { completions, decide, type AnswerSpace } from './answer-space';
import type { CatalogStage, LocalizedText } from './catalog-format';
import { conditionText } from './condition-text';
import type { Level } from './levels';
import { stageOrder } from './routing';

export interface FlowNode {
  readonly id: string;
  readonly kind: 'start' | 'stage' | 'end';
  readonly stageKey?: string;
  readonly level?: Level;
  readonly name?: LocalizedText;
  /** When the stage applies, readable; absent when it always does. */
  readonly condition?: LocalizedText;
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: LocalizedText;
}

export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

export const START = 'start';
export const END = 'end';
const nodeId = (stage: CatalogStage) => `stage:${stage.key}`;

export function flowGraph(space: AnswerSpace, locales: readonly string[]): FlowGraph {
  const { item } = space;
  const stages = [...item.stages].sort(stageOrder);
  const coreKeys = item.questions.filter((q) => q.kind === 'core').map((q) => q.key);
  const conditions = new Map<string, LocalizedText | undefined>(
    stages.map((s) => [s.key, s.appliesWhen === true ? undefined : Object.fromEntries(locales.map((l) => [l, conditionText(s.appliesWhen, item, l)]))])
  );
  const edges = new Map<string, FlowEdge>();
  const reached = new Set<string>();
  const addEdge = (from: string, to: CatalogStage | null) => {
    const target = to ? nodeId(to) : END;
    const key = `${from}>${target}`;
    if (edges.has(key)) return;
    const label = to ? conditions.get(to.key) : undefined;
    edges.set(key, label ? { from, to: target, label } : { from, to: target });
  };
  for (const answers of completions(space, {}, coreKeys)) {
    let previous = START;
    for (const stage of stages.filter((s) => decide(s.appliesWhen, answers, space) === true)) {
      addEdge(previous, stage);
      reached.add(stage.key);
      previous = nodeId(stage);
    }
    addEdge(previous, null);
  }
  const nodes: FlowNode[] = [
    { id: START, kind: 'start' },
    ...stages
      .filter((s) => reached.has(s.key))
      .map((s): FlowNode => {
        const condition = conditions.get(s.key);
        return { id: nodeId(s), kind: 'stage', stageKey: s.key, level: s.level, name: s.name, ...(condition ? { condition } : {}) };
      }),
    { id: END, kind: 'end' },
  ];
  return { nodes, edges: [...edges.values()] };
}
