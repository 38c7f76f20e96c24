// A stable digest of the published snapshot's content, part by part (each unit, department, item,
// slug, template, the spec, the locales), so that a cached snapshot can be compared with one built
// afresh from the database by what it holds, and a difference named by the part that differs.
import { createHash } from 'node:crypto';
import { canonicalJson } from './audit-chain';
import type { SnapshotPart } from './derived-differences';

/** What a snapshot holds that readers see (the structure of services/published.ts's Snapshot). */
export interface SnapshotContent {
  readonly locales: readonly string[];
  readonly units: ReadonlyMap<string, unknown>;
  readonly departments: ReadonlyMap<string, unknown>;
  readonly items: ReadonlyMap<string, unknown>;
  readonly slugs: ReadonlyMap<string, string>;
  readonly spec: readonly string[];
  readonly templates: ReadonlyMap<string, unknown>;
  readonly templateSet: { readonly id: string };
}

const digest = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

/** One part per unit, department, item, slug and template, and one each for the spec, the locales and the template set. */
export function snapshotParts(snapshot: SnapshotContent): SnapshotPart[] {
  const parts: SnapshotPart[] = [
    { part: 'locales', digest: digest(snapshot.locales) },
    { part: 'spec', digest: digest(snapshot.spec) },
    { part: 'template-set', digest: digest(snapshot.templateSet.id) },
  ];
  const each = (kind: string, map: ReadonlyMap<string, unknown>) => {
    for (const [key, value] of map) parts.push({ part: `${kind}:${key}`, digest: digest(value) });
  };
  each('unit', snapshot.units);
  each('department', snapshot.departments);
  each('item', snapshot.items);
  each('slug', snapshot.slugs);
  each('template', snapshot.templates);
  return parts.sort((a, b) => a.part.localeCompare(b.part));
}
