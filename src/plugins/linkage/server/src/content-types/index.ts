import Unit from './unit';
import Department from './department';
import Item from './item';
import Guide from './guide';
import GuideSpec from './guide-spec';
import Review from './review';
import ResponsibilityRule from './responsibility-rule';
import SiteTemplate from './site-template';
import Membership from './membership';
import AuditEntry from './audit-entry';
import Change from './change';
import ExpectedHandler from './expected-handler';
import GuideFact from './guide-fact';

export default {
  unit: Unit,
  department: Department,
  item: Item,
  guide: Guide,
  'guide-spec': GuideSpec,
  review: Review,
  'responsibility-rule': ResponsibilityRule,
  'site-template': SiteTemplate,
  membership: Membership,
  'audit-entry': AuditEntry,
  change: Change,
  'expected-handler': ExpectedHandler,
  'guide-fact': GuideFact,
};
