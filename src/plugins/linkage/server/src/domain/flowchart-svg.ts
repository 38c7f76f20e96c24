// The flow chart as a standalone SVG, drawn on the server: no browser, no script, so that static
// lower-level sites can embed it. Stages sit in their level's lane, top to bottom in order; each
// stage's condition is written where the edges into it arrive.
import { LEVELS, type Level } from './levels';
import type { FlowGraph } from './flow-graph';
import { levelName, textIn } from './vocabulary';

const FONT = 13;
const LANE_WIDTH = 300;
const BOX_WIDTH = 240;
const GAP = 34;
const TOP = 60;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Rough text width: Han characters are square, others about half as wide. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? FONT : FONT * 0.56), 0);

/** Breaks text into lines no wider than `max`, at spaces where there are any, else anywhere. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens = text.split(/(\s+)/).flatMap((token) => (/[\u2e80-\uffff]/.test(token) ? [...token] : [token]));
  for (const token of tokens) {
    const candidate = line + token;
    if (widthOf(candidate) > max && line.trim() !== '') {
      lines.push(line.trim());
      line = token.trimStart();
    } else line = candidate;
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines;
}

const TITLES: Readonly<Record<string, { start: string; end: string; title: string }>> = {
  'zh-Hans': { start: '开始', end: '办结', title: '办理流程图' },
  en: { start: 'Start', end: 'Done', title: 'Flow chart' },
};

export function flowchartSvg(graph: FlowGraph, locale: string, heading: string): string {
  const words = TITLES[locale] ?? TITLES.en;
  const stages = graph.nodes.filter((n) => n.kind === 'stage');
  const lanes = LEVELS.filter((level) => stages.some((s) => s.level === level));
  const laneOf = (level: Level | undefined) => Math.max(0, lanes.indexOf(level ?? 'city'));
  const laneLeft = (lane: number) => 20 + lane * LANE_WIDTH;
  const width = Math.max(lanes.length, 1) * LANE_WIDTH + 40;
  const line = FONT + 3;

  // A stage's condition is written once, above the stage, where the edges into it arrive.
  const conditionLines = new Map(stages.map((s) => [s.id, s.condition ? wrap(textIn(s.condition, locale), LANE_WIDTH - 40) : []]));
  const position = new Map<string, { x: number; y: number; h: number; labelTop: number }>();
  const middle = (width - 40) / 2 + 20;
  let y = TOP + 20;
  position.set('start', { x: middle, y, h: 36, labelTop: y });
  y += 18 + GAP;
  for (const node of stages) {
    const lines = conditionLines.get(node.id) ?? [];
    const labelTop = y;
    y += lines.length * line + (lines.length > 0 ? 10 : 0);
    // Every line of the name fits: a box grows with it.
    const h = Math.max(56, wrap(textIn(node.name, locale), BOX_WIDTH - 16).length * line + 24);
    position.set(node.id, { x: laneLeft(laneOf(node.level)) + LANE_WIDTH / 2, y: y + h / 2, h, labelTop });
    y += h + GAP;
  }
  position.set('end', { x: middle, y: y + 18, h: 36, labelTop: y });
  const height = y + 60;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="flow-title" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="${FONT}">`
  );
  out.push(`<title id="flow-title">${escapeXml(`${heading} · ${words.title}`)}</title>`);
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4a5568"/></marker></defs>'
  );
  lanes.forEach((level, i) => {
    out.push(`<rect x="${laneLeft(i)}" y="${TOP - 40}" width="${LANE_WIDTH}" height="${height - TOP + 20}" fill="${i % 2 === 0 ? '#f7fafc' : '#edf2f7'}"/>`);
    out.push(`<text x="${laneLeft(i) + LANE_WIDTH / 2}" y="${TOP - 18}" text-anchor="middle" font-weight="bold" fill="#2d3748">${escapeXml(levelName(level, locale))}</text>`);
  });

  for (const edge of graph.edges) {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) continue;
    const y1 = from.y + from.h / 2;
    const y2 = to.y - to.h / 2;
    const turn = to.labelTop - 6;
    out.push(`<path d="M${from.x},${y1} V${turn} H${to.x} V${y2}" fill="none" stroke="#4a5568" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }

  for (const node of stages) {
    const p = position.get(node.id);
    const lines = conditionLines.get(node.id) ?? [];
    if (!p || lines.length === 0) continue;
    const left = laneLeft(laneOf(node.level)) + 8;
    out.push(`<rect x="${left}" y="${p.labelTop - 2}" width="${LANE_WIDTH - 16}" height="${lines.length * line + 6}" rx="3" fill="#fffbeb" stroke="#f6e05e" opacity="0.95"/>`);
    lines.forEach((text, i) => out.push(`<text x="${left + 6}" y="${p.labelTop + 12 + i * line}" fill="#744210">${escapeXml(text)}</text>`));
  }

  for (const node of graph.nodes) {
    const p = position.get(node.id);
    if (!p) continue;
    if (node.kind !== 'stage') {
      out.push(`<rect x="${p.x - 50}" y="${p.y - p.h / 2}" width="100" height="${p.h}" rx="18" fill="#2b6cb0"/>`);
      out.push(`<text x="${p.x}" y="${p.y + 5}" text-anchor="middle" fill="#ffffff">${escapeXml(node.kind === 'start' ? words.start : words.end)}</text>`);
      continue;
    }
    out.push(`<rect x="${p.x - BOX_WIDTH / 2}" y="${p.y - p.h / 2}" width="${BOX_WIDTH}" height="${p.h}" rx="6" fill="#ffffff" stroke="#2b6cb0" stroke-width="1.5"/>`);
    const lines = wrap(textIn(node.name, locale), BOX_WIDTH - 16);
    const first = p.y - ((lines.length - 1) * line) / 2 + 4;
    lines.forEach((text, i) => out.push(`<text x="${p.x}" y="${first + i * line}" text-anchor="middle" fill="#1a202c">${escapeXml(text)}</text>`));
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
