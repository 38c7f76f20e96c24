import changes from './changes';
import itemChecks from './item-checks';
import itemFlowchart from './item-flowchart';
import itemHealth from './item-health';
import me from './me';
import memberships from './memberships';
import navigator from './navigator';
import openapi from './openapi';
import pages from './pages';
import sites from './sites';

export default {
  changes,
  'item-checks': itemChecks,
  'item-flowchart': itemFlowchart,
  'item-health': itemHealth,
  me,
  memberships,
  navigator,
  openapi,
  pages,
  sites,
};
