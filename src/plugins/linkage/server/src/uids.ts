// Content-type UIDs of the plugin.

export const UNIT = 'plugin::linkage.unit';
export const DEPARTMENT = 'plugin::linkage.department';
export const ITEM = 'plugin::linkage.item';
export const GUIDE = 'plugin::linkage.guide';
export const GUIDE_SPEC = 'plugin::linkage.guide-spec';
export const REVIEW = 'plugin::linkage.review';
export const RESPONSIBILITY_RULE = 'plugin::linkage.responsibility-rule';
export const SITE_TEMPLATE = 'plugin::linkage.site-template';
export const MEMBERSHIP = 'plugin::linkage.membership';
export const AUDIT_ENTRY = 'plugin::linkage.audit-entry';
export const CHANGE = 'plugin::linkage.change';
/** Derived rows, not a record anyone edits (so not a LinkageUid of the generated types). */
export const EXPECTED_HANDLER = 'plugin::linkage.expected-handler';
/** Derived: one row per guide document for the ownership report (not a LinkageUid either). */
export const GUIDE_FACT = 'plugin::linkage.guide-fact';

export type LinkageUid =
  | typeof UNIT
  | typeof DEPARTMENT
  | typeof ITEM
  | typeof GUIDE
  | typeof GUIDE_SPEC
  | typeof REVIEW
  | typeof RESPONSIBILITY_RULE
  | typeof SITE_TEMPLATE
  | typeof MEMBERSHIP
  | typeof AUDIT_ENTRY
  | typeof CHANGE;

export const isLinkageUid = (uid: string): uid is LinkageUid => uid.startsWith('plugin::linkage.');
