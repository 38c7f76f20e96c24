// A guide is read as what it is: "企业职工退休认证 · 区(市)社会保险经办机构审核 · 胶州市", in each
// locale, from the names of its item, stage and unit (their codes where a name is missing).

export interface GuideTitleNames {
  /** Item titles by item code, in one locale. */
  readonly items: ReadonlyMap<string, string>;
  /** Stage names by `${itemCode}/${stageKey}`, in the same locale. */
  readonly stages: ReadonlyMap<string, string>;
  /** Unit names by unit code, in the same locale. */
  readonly units: ReadonlyMap<string, string>;
}

export interface GuideCodes {
  readonly itemCode?: unknown;
  readonly stageKey?: unknown;
  readonly unitCode?: unknown;
}

const SEPARATOR = ' · ';

export function guideTitle(guide: GuideCodes, names: GuideTitleNames): string | null {
  const { itemCode, stageKey, unitCode } = guide;
  if (typeof itemCode !== 'string' || typeof stageKey !== 'string' || typeof unitCode !== 'string') return null;
  if (itemCode === '' || stageKey === '' || unitCode === '') return null;
  const item = names.items.get(itemCode) || itemCode;
  const stage = names.stages.get(`${itemCode}/${stageKey}`) || stageKey;
  const unit = names.units.get(unitCode) || unitCode;
  return [item, stage, unit].join(SEPARATOR);
}
