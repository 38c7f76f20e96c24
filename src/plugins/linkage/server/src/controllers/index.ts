import assurance from './assurance';
import audit from './audit';
import changes from './changes';
import doctor from './doctor';
import editorChoices from './editor-choices';
import itemChecks from './item-checks';
import itemFlowchart from './item-flowchart';
import itemHealth from './item-health';
import me from './me';
import memberships from './memberships';
import navigator from './navigator';
import openapi from './openapi';
import pages from './pages';
import preview from './preview';
import reports from './reports';
import reviews from './reviews';
import rules from './rules';
import sites from './sites';
import templatePreview from './template-preview';

export default {
  assurance,
  audit,
  changes,
  doctor,
  'editor-choices': editorChoices,
  'item-checks': itemChecks,
  'item-flowchart': itemFlowchart,
  'item-health': itemHealth,
  me,
  memberships,
  navigator,
  openapi,
  pages,
  preview,
  reports,
  reviews,
  rules,
  sites,
  'template-preview': templatePreview,
};
