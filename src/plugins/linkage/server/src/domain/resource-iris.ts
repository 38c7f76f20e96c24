// The IRIs and identifiers the linked-data exports (CPSV-AP) give the catalog's records: every IRI
// under the configured base URL (LINKAGE_BASE_URL), built from the records' stable codes — never
// from row ids, document ids or slugs, which change — so that an IRI names the same thing in every
// export, on every instance. Each code is one path segment, percent-encoded (encodeURIComponent).
// A part of a record that has no code of its own (a guide's materials, its fee) takes a fragment of
// its record's IRI. docs/cpsv-ap-mapping.md lists the scheme.
//
//   {base}/id/items/{item}                                   a linked item
//   {base}/id/items/{item}/stages/{stage}#applies-when       when a stage applies (a rule)
//   {base}/id/items/{item}/stages/{stage}/units/{unit}       a guide: one unit's (item, stage)
//   {base}/id/departments/{department}                       a department
//   {base}/id/areas/{unit}                                   a unit's area (not its government)
//   {base}/id/units/{unit}                                   a unit as an organisation (schema.org's provider when no department is known)
//
// The pages' schema.org JSON-LD names areas, departments and units by these same IRIs
// (domain/linked-data-ids.ts), so both exports speak of one thing with one name.

/** An IRI and the `dct:identifier` text that goes with it. */
export interface ResourceName {
  readonly iri: string;
  readonly identifier: string;
}

/** The parts of a guide that take a fragment of its IRI. */
export type GuidePart = 'conditions' | 'fee' | 'in-person' | 'hours' | 'address' | 'online' | 'contact' | 'time-limits';

export interface ResourceIris {
  item(itemCode: string): ResourceName;
  /** The nth (1-based) policy of an item, in the item's order. */
  policy(itemCode: string, n: number): ResourceName;
  /** The rule saying when a stage of an item applies. */
  stageRule(itemCode: string, stageKey: string): ResourceName;
  guide(guide: GuideIdentity): ResourceName;
  guidePart(guide: GuideIdentity, part: GuidePart): ResourceName;
  /** The nth (1-based) material of a guide, in the guide's order (materials have no code). */
  material(guide: GuideIdentity, n: number): ResourceName;
  department(departmentCode: string): ResourceName;
  departmentAddress(departmentCode: string): ResourceName;
  area(unitCode: string): ResourceName;
  unit(unitCode: string): ResourceName;
}

export interface GuideIdentity {
  readonly item: string;
  readonly stage: string;
  readonly unit: string;
}

const segment = (code: string): string => encodeURIComponent(code);

/** The IRIs under `baseUrl` (an absolute http(s) URL; a trailing slash is ignored). */
export function resourceIris(baseUrl: string): ResourceIris {
  const base = `${baseUrl.replace(/\/+$/, '')}/id`;
  const item = (code: string): ResourceName => ({ iri: `${base}/items/${segment(code)}`, identifier: code });
  const stage = (itemCode: string, stageKey: string) => `${item(itemCode).iri}/stages/${segment(stageKey)}`;
  const guide = (g: GuideIdentity): ResourceName => ({ iri: `${stage(g.item, g.stage)}/units/${segment(g.unit)}`, identifier: `${g.item}/${g.stage}/${g.unit}` });
  const part = (whole: ResourceName, fragment: string): ResourceName => ({ iri: `${whole.iri}#${fragment}`, identifier: `${whole.identifier}#${fragment}` });
  const department = (code: string): ResourceName => ({ iri: `${base}/departments/${segment(code)}`, identifier: code });
  return {
    item,
    policy: (itemCode, n) => part(item(itemCode), `policy-${n}`),
    stageRule: (itemCode, stageKey) => ({ iri: `${stage(itemCode, stageKey)}#applies-when`, identifier: `${itemCode}/${stageKey}#applies-when` }),
    guide,
    guidePart: (g, name) => part(guide(g), name),
    material: (g, n) => part(guide(g), `material-${n}`),
    department,
    departmentAddress: (code) => part(department(code), 'address'),
    area: (code) => ({ iri: `${base}/areas/${segment(code)}`, identifier: code }),
    unit: (code) => ({ iri: `${base}/units/${segment(code)}`, identifier: code }),
  };
}

/** What an IRI's path under `{base}/id/` names (the fragment, never sent to a server, aside). */
export type NamedResource =
  | { readonly type: 'item'; readonly item: string }
  | { readonly type: 'stage'; readonly item: string; readonly stage: string }
  | { readonly type: 'guide'; readonly item: string; readonly stage: string; readonly unit: string }
  | { readonly type: 'department'; readonly department: string }
  | { readonly type: 'area'; readonly unit: string }
  | { readonly type: 'unit'; readonly unit: string };

/**
 * The resource an IRI names, from its path after `/id/` (`items/QD-SI-001`), the inverse of
 * `resourceIris`; null when the path is no IRI of the scheme.
 */
export function namedResource(path: string): NamedResource | null {
  const parts = path.split('/');
  let codes: string[];
  try {
    codes = parts.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  if (codes.some((code) => code === '')) return null;
  const [kind, ...rest] = codes;
  if (kind === 'items') {
    if (rest.length === 1) return { type: 'item', item: rest[0] };
    if (rest.length === 3 && rest[1] === 'stages') return { type: 'stage', item: rest[0], stage: rest[2] };
    if (rest.length === 5 && rest[1] === 'stages' && rest[3] === 'units') return { type: 'guide', item: rest[0], stage: rest[2], unit: rest[4] };
    return null;
  }
  if (rest.length !== 1) return null;
  if (kind === 'departments') return { type: 'department', department: rest[0] };
  if (kind === 'areas') return { type: 'area', unit: rest[0] };
  if (kind === 'units') return { type: 'unit', unit: rest[0] };
  return null;
}
