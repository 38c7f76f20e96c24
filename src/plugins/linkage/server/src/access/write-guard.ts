// Enforcement in depth: in an admin request, every write on a linkage document is checked against
// the user's role and scope, whatever path it comes by (Content Manager create and clone check no
// condition, and update checks only the stored entry, not the new data). Denials are PolicyErrors:
// Strapi's router turns any other ForbiddenError into a bare "Forbidden".
import type { Core } from '@strapi/strapi';
import { guideWriteDecision, recordWriteDecision } from '../domain/write-access';
import type { WriteIntent } from '../domain/write-intent';
import { getService } from '../get-service';
import { GUIDE } from '../uids';
import { currentActor } from './actor';
import { enforce } from './refusal';

/** The guard step of the write pipeline (writes/pipeline.ts): returns when the admin may write, throws the 403 otherwise. */
export async function guardWrite(strapi: Core.Strapi, intent: WriteIntent): Promise<void> {
  const actor = await currentActor(strapi);
  if (!actor) return;
  if (intent.type.uid !== GUIDE) {
    enforce(strapi, recordWriteDecision(actor, intent.type.uid));
    return;
  }
  const written = intent.data && typeof intent.data.unitCode === 'string' && intent.action !== 'delete' ? intent.data.unitCode : null;
  const label = await getService(strapi, 'unit-labels').of([intent.ownerBefore, written, ...actor.scope]);
  enforce(strapi, guideWriteDecision(actor, intent.action, intent.ownerBefore, written, label));
}
