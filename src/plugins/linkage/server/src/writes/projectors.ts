// The projectors: each keeps one derived store (or one follow-up fact) in step with the records,
// and runs for the intents domain/write-intent.ts says feed it. Listed once, in the order they run
// after the write, inside its transaction; `afterCommit` parts run once it has committed.
// Adding a projector is one line here (and its case in `storesFed` or `followUps`).
import type { Core } from '@strapi/strapi';
import type { DerivedStore } from '../domain/record-types';
import { followUps, storesFed, type FollowUp, type WriteIntent } from '../domain/write-intent';
import { auditTrail } from './projectors/audit-trail';
import { carryStructure } from './projectors/carry-structure';
import { changeFeed } from './projectors/change-feed';
import { expectedHandlers } from './projectors/expected-handlers';
import { guideFacts } from './projectors/guide-facts';
import { guideTitles } from './projectors/guide-titles';
import { itemHealth } from './projectors/item-health';
import { publishSharedFields } from './projectors/publish-shared-fields';
import { reviewOnPublish } from './projectors/review-on-publish';
import { snapshot } from './projectors/snapshot';

type Row = Record<string, unknown>;

/** What the write returned: the document it acted on, its result, and the versions it acted on. */
export interface Written {
  readonly documentId: string | null;
  readonly result: (Row & { documentId?: string; entries?: Row[] }) | null;
  readonly entries: readonly Row[];
}

export interface Projector<Before = unknown> {
  readonly name: DerivedStore | FollowUp;
  /** Read before the write, inside its transaction (what the write will replace). */
  before?(strapi: Core.Strapi, intent: WriteIntent): Promise<Before>;
  inTransaction?(strapi: Core.Strapi, intent: WriteIntent, written: Written, before: Before): Promise<void>;
  afterCommit?(strapi: Core.Strapi, intent: WriteIntent, written: Written): Promise<void>;
}

/** Each projector reads back only what its own `before` returned. */
function anyBefore<Before>(projector: Projector<Before>): Projector<unknown> {
  return projector as unknown as Projector<unknown>;
}

// Shared fields are published in every locale before the guide fact is recomputed (a moved guide's
// fact names the unit every published locale now shows), and a changed guide's publish records a
// review before it too (so the fact has the review's date); the audit entry comes last, after the
// follow-up writes it may describe.
export const PROJECTORS: ReadonlyArray<Projector<unknown>> = [
  anyBefore(publishSharedFields),
  anyBefore(reviewOnPublish),
  anyBefore(guideFacts),
  anyBefore(guideTitles),
  anyBefore(changeFeed),
  anyBefore(carryStructure),
  anyBefore(auditTrail),
  anyBefore(snapshot),
  anyBefore(expectedHandlers),
  anyBefore(itemHealth),
];

export function projectorsFor(intent: WriteIntent): ReadonlyArray<Projector<unknown>> {
  const stores = storesFed(intent);
  const follow = followUps(intent);
  return PROJECTORS.filter((p) => stores.has(p.name as DerivedStore) || follow.has(p.name as FollowUp));
}
