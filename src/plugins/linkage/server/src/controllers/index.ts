import type { Core } from '@strapi/strapi';
import { answeringFailures } from '../http-errors';
import assurance from './assurance';
import audit from './audit';
import changes from './changes';
import doctor from './doctor';
import editConflicts from './edit-conflicts';
import editorChoices from './editor-choices';
import exportsController from './exports';
import itemChecks from './item-checks';
import itemFlowchart from './item-flowchart';
import itemHealth from './item-health';
import me from './me';
import memberships from './memberships';
import navigator from './navigator';
import identifiers from './identifiers';
import openapi from './openapi';
import pages from './pages';
import preview from './preview';
import readiness from './readiness';
import reports from './reports';
import reviews from './reviews';
import rules from './rules';
import sites from './sites';
import templatePreview from './template-preview';

// Every action's failures (domain/failures.ts) are answered as HTTP in one place (http-errors.ts).
const answering =
  <C extends object>(factory: (deps: { strapi: Core.Strapi }) => C) =>
  ({ strapi }: { strapi: Core.Strapi }): C =>
    answeringFailures(strapi, factory({ strapi }));

export default {
  assurance: answering(assurance),
  audit: answering(audit),
  changes: answering(changes),
  doctor: answering(doctor),
  'edit-conflicts': answering(editConflicts),
  'editor-choices': answering(editorChoices),
  exports: answering(exportsController),
  'item-checks': answering(itemChecks),
  'item-flowchart': answering(itemFlowchart),
  'item-health': answering(itemHealth),
  me: answering(me),
  memberships: answering(memberships),
  navigator: answering(navigator),
  identifiers: answering(identifiers),
  openapi: answering(openapi),
  pages: answering(pages),
  preview: answering(preview),
  readiness: answering(readiness),
  reports: answering(reports),
  reviews: answering(reviews),
  rules: answering(rules),
  sites: answering(sites),
  'template-preview': answering(templatePreview),
};
