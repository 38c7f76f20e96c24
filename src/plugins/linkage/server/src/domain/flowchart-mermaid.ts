// The flow chart as Mermaid text, for frontends that render Mermaid.
import { textIn, levelName } from './vocabulary';
import type { FlowGraph } from './flow-graph';

const START_END: Readonly<Record<string, [string, string]>> = { 'zh-Hans': ['开始', '办结'], en: ['Start', 'Done'] };

/** Mermaid labels are quoted; quotes and angle brackets inside are written as entities. */
const label = (text: string) => `"${text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')}"`;
// "end" is a Mermaid keyword: every id gets a prefix.
const id = (nodeId: string) => `n_${nodeId.replace(/[^A-Za-z0-9_]/g, '_')}`;

export function flowchartMermaid(graph: FlowGraph, locale: string): string {
  const [start, end] = START_END[locale] ?? START_END.en;
  const lines = ['flowchart TD'];
  for (const node of graph.nodes) {
    if (node.kind === 'start') lines.push(`  ${id(node.id)}([${label(start)}])`);
    else if (node.kind === 'end') lines.push(`  ${id(node.id)}([${label(end)}])`);
    else lines.push(`  ${id(node.id)}[${label(`${textIn(node.name, locale)} · ${levelName(node.level ?? 'city', locale)}`)}]`);
  }
  for (const edge of graph.edges) {
    const text = edge.label ? `|${label(textIn(edge.label, locale))}|` : '';
    lines.push(`  ${id(edge.from)} -->${text} ${id(edge.to)}`);
  }
  return `${lines.join('\n')}\n`;
}
