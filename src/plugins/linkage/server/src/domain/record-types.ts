// One table of the plugin's record types: what each is called (in sentences and as a type), how one
// record is named and which unit owns it, who may write it, and which derived stores its writes
// feed. The write pipeline, the audit trail, the change feed, reviews and refusals all read it.
import type { AdminText } from './admin-language';

/** What the plugin keeps derived from the records (docs/adr: derived tables), rebuilt by the doctor. */
export type DerivedStore = 'audit-trail' | 'change-feed' | 'guide-facts' | 'expected-handlers' | 'snapshot' | 'item-health' | 'guide-titles' | 'reviews';

/**
 * Who may write records of a type: `owner-scoped` editors within their units (guides), `city` city
 * managers, `append-only` nobody through the Document Service (the audit service appends), `immutable`
 * created once and never changed (reviews), `derived` nobody (the plugin keeps them).
 */
export type WritePolicy = 'owner-scoped' | 'city' | 'append-only' | 'immutable' | 'derived';

/**
 * When a record is news on the public change feed: `when-published` on publication, unpublication
 * and deletion of a published version; `always` on every write (no draft: public as saved); `never`.
 */
export type Publicity = 'when-published' | 'always' | 'never';

/** Whose sites show a public record: the owner's area (its ancestors and subtree), or every site. */
export type SiteReach = 'owner-area' | 'everywhere';

type Row = Readonly<Record<string, unknown>>;

export interface RecordType {
  readonly uid: string;
  /** The schema's display name: the Content Manager's translation id of the type's name. */
  readonly displayName: string;
  /** The type's name as a heading: `Guide` / `办事指南`. */
  readonly name: AdminText;
  /** In sentences: English singular and plural, and the Chinese noun. */
  readonly noun: { readonly one: string; readonly many: string; readonly zh: string };
  /** How one record is named in the audit trail, the change feed and reviews. */
  readonly key: (row: Row, context?: { readonly email?: string | null }) => string | null;
  /** The unit that owns a record (its editors' scope), if any. */
  readonly owner: (row: Row) => string | null;
  readonly writes: WritePolicy;
  /**
   * The derived stores its writes may feed (domain/write-intent.ts `storesFed` says which actions
   * do): `audit-trail` (audited), `snapshot` (a write changes what the public API shows), ...
   */
  readonly feeds: readonly DerivedStore[];
  readonly publicity: Publicity;
  readonly reach: SiteReach;
  /** Whether a review may vouch for its records (publishing a changed one is a review). */
  readonly reviewed: false | 'guide' | 'item' | 'template';
  /** Whether the plugin's checks (services/checks.ts) decide if a write may be stored. */
  readonly checked: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const field =
  (name: string) =>
  (row: Row): string | null =>
    text(row[name]);
const nobody = (): null => null;

export const guideRowKey = (row: Row): string => `${row.itemCode}/${row.stageKey}/${row.unitCode}`;

const names = (displayName: string, en: string, zh: string, one: string, many: string) => ({ displayName, name: { en, 'zh-Hans': zh }, noun: { one, many, zh } });

/** A store the plugin derives from the records (written by its projectors only): fed by nothing, never public, never checked. */
function derivedType(uid: string, named: ReturnType<typeof names>, key: RecordType['key'], owner: RecordType['owner']): RecordType {
  return { uid, ...named, key, owner, writes: 'derived', feeds: [], publicity: 'never', reach: 'everywhere', reviewed: false, checked: false };
}

const TYPES: readonly RecordType[] = [
  {
    uid: 'plugin::linkage.unit',
    ...names('Unit', 'Unit', '行政单位', 'unit', 'units'),
    key: field('code'),
    owner: field('code'),
    writes: 'city',
    feeds: ['audit-trail', 'change-feed', 'expected-handlers', 'item-health', 'guide-titles', 'snapshot'],
    publicity: 'always',
    reach: 'owner-area',
    reviewed: false,
    checked: true,
  },
  {
    uid: 'plugin::linkage.department',
    ...names('Department', 'Department', '部门', 'department', 'departments'),
    key: field('code'),
    owner: field('unitCode'),
    writes: 'city',
    feeds: ['audit-trail', 'change-feed', 'expected-handlers', 'item-health', 'snapshot'],
    publicity: 'always',
    reach: 'owner-area',
    reviewed: false,
    checked: true,
  },
  {
    uid: 'plugin::linkage.item',
    ...names('Linked item', 'Linked item', '联动事项', 'item', 'items'),
    key: field('code'),
    owner: field('managingUnitCode'),
    writes: 'city',
    feeds: ['audit-trail', 'change-feed', 'expected-handlers', 'guide-titles', 'snapshot'],
    publicity: 'when-published',
    reach: 'everywhere',
    reviewed: 'item',
    checked: true,
  },
  {
    uid: 'plugin::linkage.guide',
    ...names('Guide', 'Guide', '办事指南', 'guide', 'guides'),
    key: guideRowKey,
    owner: field('unitCode'),
    writes: 'owner-scoped',
    feeds: ['audit-trail', 'change-feed', 'guide-facts', 'reviews', 'snapshot'],
    publicity: 'when-published',
    reach: 'owner-area',
    reviewed: 'guide',
    checked: true,
  },
  {
    uid: 'plugin::linkage.guide-spec',
    ...names('Guide spec', 'Guide spec', '办事指南规范', 'guide spec', 'guide specs'),
    key: () => 'guide-spec',
    owner: nobody,
    writes: 'city',
    feeds: ['audit-trail', 'change-feed', 'guide-facts', 'snapshot'],
    publicity: 'always',
    reach: 'everywhere',
    reviewed: false,
    checked: true,
  },
  {
    uid: 'plugin::linkage.review',
    ...names('Review', 'Review', '复核', 'review', 'reviews'),
    key: field('subjectKey'),
    // A guide's key ends with its owner unit.
    owner: (row) => (row.subjectUid === 'plugin::linkage.guide' ? (text(row.subjectKey)?.split('/')[2] ?? null) : null),
    writes: 'immutable',
    feeds: ['audit-trail', 'guide-facts'],
    publicity: 'never',
    reach: 'everywhere',
    reviewed: false,
    checked: false,
  },
  {
    uid: 'plugin::linkage.responsibility-rule',
    ...names('Responsibility rule', 'Responsibility rule', '内容保障职责', 'responsibility rule', 'responsibility rules'),
    key: field('key'),
    owner: nobody,
    writes: 'city',
    feeds: ['audit-trail', 'snapshot'],
    publicity: 'never',
    reach: 'everywhere',
    reviewed: false,
    checked: true,
  },
  {
    uid: 'plugin::linkage.site-template',
    ...names('Site template', 'Site template', '展现模板', 'site template', 'site templates'),
    key: field('key'),
    owner: nobody,
    writes: 'city',
    feeds: ['audit-trail', 'change-feed', 'snapshot'],
    publicity: 'when-published',
    reach: 'everywhere',
    reviewed: 'template',
    checked: true,
  },
  {
    uid: 'plugin::linkage.membership',
    ...names('Membership', 'Membership', '成员关系', 'membership', 'memberships'),
    key: (row, context) => `${row.unitCode}/${context?.email ?? `user ${row.userId}`}`,
    owner: field('unitCode'),
    writes: 'city',
    feeds: ['audit-trail', 'snapshot'],
    publicity: 'never',
    reach: 'everywhere',
    reviewed: false,
    checked: false,
  },
  {
    uid: 'plugin::linkage.audit-entry',
    ...names('Audit entry', 'Audit entry', '审计条目', 'audit entry', 'audit entries'),
    key: field('subjectKey'),
    owner: field('unitCode'),
    writes: 'append-only',
    feeds: [],
    publicity: 'never',
    reach: 'everywhere',
    reviewed: false,
    checked: false,
  },
  derivedType('plugin::linkage.change', names('Change', 'Change', '变更记录', 'change', 'changes'), field('subjectKey'), nobody),
  derivedType(
    'plugin::linkage.expected-handler',
    names('Expected handler', 'Expected handler', '应办理单位记录', 'expected handler', 'expected handlers'),
    guideRowKey,
    field('unitCode')
  ),
  derivedType('plugin::linkage.guide-fact', names('Guide fact', 'Guide fact', '指南统计记录', 'guide fact', 'guide facts'), guideRowKey, field('unitCode')),
];

const BY_UID: ReadonlyMap<string, RecordType> = new Map(TYPES.map((t) => [t.uid, t]));

export const RECORD_TYPES: readonly RecordType[] = TYPES;

/** The record type of a uid; own entries only ("__proto__" names no type). */
export const recordType = (uid: string): RecordType | undefined => BY_UID.get(uid);

/** A type's sentence noun; any uid gets one (`foo record`), so no message prints `undefined`. */
export function nounOf(uid: string): RecordType['noun'] {
  const known = BY_UID.get(uid);
  if (known) return known.noun;
  const bare = uid.split('.').pop() ?? uid;
  return { one: `${bare} record`, many: `${bare} records`, zh: `${bare} 记录` };
}

/** The types a review may vouch for, by the kind a review names. */
export const REVIEWED_TYPES: ReadonlyMap<string, 'guide' | 'item' | 'template'> = new Map(TYPES.flatMap((t) => (t.reviewed ? [[t.uid, t.reviewed] as const] : [])));
