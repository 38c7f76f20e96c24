// Whether the change feed covers what is public: every published item, guide and site template,
// and every unit, department and the guide spec (public as soon as written), has a "published"
// change at least as recent as its last publication or update; and nothing whose last change says
// "published" is gone or unpublished. Coverage, not equality: a site that follows the feed has
// heard of everything it shows. A gap is repaired by appending the change that is missing.
import type { AdminText } from './admin-language';
import type { Difference } from './derived-differences';
import { STORE_NAMES } from './derived-stores';
import { nounOf, recordType } from './record-types';
import { ancestorsOf, subtreeCodes, type UnitIndex } from './unit-tree';

export type FeedAction = 'published' | 'unpublished' | 'deleted';

/** What a change names (its key) and whose sites show it (`['*']`: every site). */
export interface ChangeSubject {
  readonly key: string;
  readonly unitCodes: readonly string[];
}

/** A row of the document (any one): the fields that name it are `code`, `key`, `itemCode`, `stageKey`, `unitCode`. */
export type SubjectFields = Readonly<Record<string, unknown>>;

/** The unit, its ancestors and its subtree, sorted: the sites that show what it owns. */
const around = (unitCode: string, units: UnitIndex): string[] => [...new Set([...ancestorsOf(unitCode, units).map((u) => u.code), ...subtreeCodes(unitCode, units)])].sort();

/** What the feed calls a document of this type, and whose sites show it (domain/record-types.ts). */
export function changeSubject(uid: string, row: SubjectFields, units: UnitIndex): ChangeSubject {
  const type = recordType(uid);
  const key = type?.key(row) ?? String(row.documentId ?? '');
  const owner = type?.owner(row) ?? null;
  return { key, unitCodes: type?.reach === 'owner-area' && owner ? around(owner, units) : ['*'] };
}

/** A public document as the feed should know it. */
export interface PublicDocument {
  readonly uid: string;
  readonly documentId: string;
  readonly subject: ChangeSubject;
  /** Whether anything of it is public now (always, for the types without drafts). */
  readonly published: boolean;
  /** Its last publication (types with drafts) or update (the others), epoch milliseconds; null when not public. */
  readonly lastPublicAt: number | null;
}

/** What the feed says of one document: its last change, and its last "published" change. */
export interface FeedHead {
  readonly uid: string;
  readonly documentId: string;
  readonly lastAction: FeedAction;
  readonly lastKey: string | null;
  readonly lastUnitCodes: readonly string[];
  /** The time of its last "published" change, epoch milliseconds; null when it has none. */
  readonly lastPublishedAt: number | null;
}

/** A change the feed lacks, to append. */
export interface MissingChange {
  readonly action: FeedAction;
  readonly subjectUid: string;
  readonly subjectDocumentId: string;
  readonly subjectKey: string;
  readonly unitCodes: readonly string[];
}

export interface Coverage {
  readonly differences: Difference[];
  readonly missing: MissingChange[];
}

const idOf = (uid: string, documentId: string) => `${uid}:${documentId}`;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Every gap between what is public and what the feed has said, with the change that closes it. */
export function changeCoverage(documents: readonly PublicDocument[], heads: readonly FeedHead[]): Coverage {
  const feed = STORE_NAMES['change-feed'];
  const headOf = new Map(heads.map((h) => [idOf(h.uid, h.documentId), h]));
  const documentOf = new Map(documents.map((d) => [idOf(d.uid, d.documentId), d]));
  const differences: Difference[] = [];
  const missing: MissingChange[] = [];
  const typeName = (uid: string): AdminText => {
    const noun = nounOf(uid);
    return { en: noun.one, 'zh-Hans': noun.zh };
  };

  for (const document of [...documents].sort((a, b) => idOf(a.uid, a.documentId).localeCompare(idOf(b.uid, b.documentId)))) {
    if (!document.published || document.lastPublicAt === null) continue;
    const head = headOf.get(idOf(document.uid, document.documentId));
    if (head && head.lastPublishedAt !== null && head.lastPublishedAt >= document.lastPublicAt) continue;
    const type = typeName(document.uid);
    const name = `${document.subject.key} (${document.documentId})`;
    differences.push({
      store: 'change-feed',
      subject: `${document.uid}/${document.documentId}`,
      expected: `published at or after ${iso(document.lastPublicAt)}`,
      stored: head?.lastPublishedAt ? `last published change at ${iso(head.lastPublishedAt)}` : null,
      repairable: true,
      message: head?.lastPublishedAt
        ? {
            en: `${feed.en}: ${type.en} ${name} was made public at ${iso(document.lastPublicAt)}, after its last "published" change (${iso(head.lastPublishedAt)})`,
            'zh-Hans': `${feed['zh-Hans']}：${type['zh-Hans']} ${name} 于 ${iso(document.lastPublicAt)} 公开，晚于它最后一条“已发布”变更（${iso(head.lastPublishedAt)}）`,
          }
        : {
            en: `${feed.en}: ${type.en} ${name} is public but the feed has no "published" change for it`,
            'zh-Hans': `${feed['zh-Hans']}：${type['zh-Hans']} ${name} 已公开，但没有它的“已发布”变更`,
          },
    });
    missing.push({
      action: 'published',
      subjectUid: document.uid,
      subjectDocumentId: document.documentId,
      subjectKey: document.subject.key,
      unitCodes: document.subject.unitCodes,
    });
  }

  for (const head of [...heads].sort((a, b) => idOf(a.uid, a.documentId).localeCompare(idOf(b.uid, b.documentId)))) {
    if (head.lastAction !== 'published') continue;
    const document = documentOf.get(idOf(head.uid, head.documentId));
    if (document?.published) continue;
    const action: FeedAction = document ? 'unpublished' : 'deleted';
    const type = typeName(head.uid);
    const name = `${head.lastKey ?? ''} (${head.documentId})`;
    differences.push({
      store: 'change-feed',
      subject: `${head.uid}/${head.documentId}`,
      expected: action,
      stored: 'published',
      repairable: true,
      message:
        action === 'deleted'
          ? {
              en: `${feed.en}: ${type.en} ${name} is gone, but its last change says it was published`,
              'zh-Hans': `${feed['zh-Hans']}：${type['zh-Hans']} ${name} 已不存在，但它的最后一条变更仍是“已发布”`,
            }
          : {
              en: `${feed.en}: ${type.en} ${name} is no longer published, but its last change says it was published`,
              'zh-Hans': `${feed['zh-Hans']}：${type['zh-Hans']} ${name} 已撤销发布，但它的最后一条变更仍是“已发布”`,
            },
    });
    missing.push({
      action,
      subjectUid: head.uid,
      subjectDocumentId: head.documentId,
      subjectKey: document?.subject.key ?? head.lastKey ?? '',
      unitCodes: document?.subject.unitCodes ?? head.lastUnitCodes,
    });
  }
  return { differences, missing };
}
