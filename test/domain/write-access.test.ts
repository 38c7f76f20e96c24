import { kindName } from '../../src/plugins/linkage/server/src/domain/denials';
import { linkagePermissions } from '../../src/plugins/linkage/server/src/domain/linkage-roles';
import { bulkGuideDecision, guideReadDecision, guideWriteDecision, recordWriteDecision, type Actor } from '../../src/plugins/linkage/server/src/domain/write-access';

const label = (code: string) => ({ en: `E(${code})`, 'zh-Hans': `中${code}` });
const editor = (over: Partial<Actor> = {}): Actor => ({
  email: 'e@x.test',
  roleNames: ['Linkage unit editor'],
  isSuperAdmin: false,
  isCityManager: false,
  mayWriteGuides: true,
  scope: new Set(['370202000000']),
  ...over,
});

describe('every record kind has a name in both languages', () => {
  test.each([
    ['plugin::linkage.audit-entry', 'audit entries', '审计条目'],
    ['plugin::linkage.responsibility-rule', 'responsibility rules', '内容保障职责'],
    ['plugin::linkage.expected-handler', 'expected handlers', '应办理单位记录'],
    ['plugin::linkage.guide-fact', 'guide facts', '指南统计记录'],
    ['plugin::linkage.something-new', 'something-new records', 'something-new 记录'],
  ])('%s', (uid, many, zh) => {
    expect(kindName(uid)).toMatchObject({ many, zh });
  });
});

describe('writes to other types', () => {
  test('city managers only, named in both languages', () => {
    expect(recordWriteDecision(editor(), 'plugin::linkage.unit')).toEqual({
      allowed: false,
      reason: { en: expect.stringMatching(/^only a city manager may change units/), 'zh-Hans': expect.stringMatching(/^只有市级管理员可以修改行政单位/) },
    });
    expect(recordWriteDecision(editor({ isCityManager: true }), 'plugin::linkage.unit')).toEqual({ allowed: true });
  });

  test('the audit trail, reviews and derived tables are closed to everyone, city managers included', () => {
    const manager = editor({ isCityManager: true });
    expect(recordWriteDecision(manager, 'plugin::linkage.audit-entry', 'delete')).toMatchObject({
      allowed: false,
      reason: { en: expect.stringMatching(/append-only: they cannot be deleted/) },
    });
    expect(recordWriteDecision(manager, 'plugin::linkage.review', 'update')).toMatchObject({ allowed: false, reason: { en: expect.stringMatching(/reviews cannot be changed/) } });
    expect(recordWriteDecision(manager, 'plugin::linkage.review', 'create')).toEqual({ allowed: true });
    expect(recordWriteDecision(manager, 'plugin::linkage.guide-fact')).toMatchObject({ allowed: false, reason: { en: expect.stringMatching(/guide facts are derived/) } });
  });
});

describe('bulk actions on guides', () => {
  test('name the units outside the editor’s, each once, sorted; their own are fine', () => {
    const decision = bulkGuideDecision(editor(), 'publish', ['370281000000', '370202000000', '370203000000', '370281000000'], label);
    expect(decision).toEqual({
      allowed: false,
      reason: {
        en: 'guides of E(370203000000), E(370281000000) are outside your units (E(370202000000)); you may not publish them',
        'zh-Hans': '中370203000000、中370281000000的指南不在你的单位（中370202000000）之内；你不能发布它们',
      },
    });
    expect(bulkGuideDecision(editor(), 'delete', ['370202000000'], label)).toEqual({ allowed: true });
  });

  test('an editor with no membership, or roles that cannot write guides, is told so', () => {
    expect(bulkGuideDecision(editor({ scope: new Set() }), 'unpublish', ['370281000000'], label)).toMatchObject({
      reason: { en: expect.stringMatching(/belongs to no unit, so may not unpublish the guide of E\(370281000000\)/) },
    });
    expect(bulkGuideDecision(editor({ mayWriteGuides: false }), 'delete', ['370281000000', '370203000000'], label)).toMatchObject({
      reason: { en: expect.stringMatching(/do not let you delete guides; you may not delete a guide$/) },
    });
  });
});

describe('reading guides', () => {
  test('an unreadable guide is named with its unit; an editor with no membership is told whose it is', () => {
    expect(guideReadDecision(editor(), 'read', true, ['370281000000'], label)).toMatchObject({
      reason: { en: expect.stringMatching(/^the guide belongs to E\(370281000000\), which is outside your units/) },
    });
    expect(guideReadDecision(editor({ scope: new Set() }), 'read', true, ['370281000000'], label)).toMatchObject({
      reason: { en: expect.stringMatching(/outside your units \(none\)/) },
    });
    expect(guideReadDecision(editor(), 'read', false, [], label)).toMatchObject({ reason: { en: expect.stringMatching(/do not let you read guides/) } });
    expect(guideReadDecision(editor(), 'read', true, [], label)).toEqual({ allowed: true });
  });

  test('writes keep their owner checks: a guide written without an owner still says so', () => {
    expect(guideWriteDecision(editor(), 'create', null, null, label)).toMatchObject({ reason: { en: expect.stringMatching(/must name its owning unit/) } });
  });
});

test("the plugin's permissions among a stock role's: on its types, or its own actions", () => {
  const stored = [
    { id: 1, action: 'plugin::content-manager.explorer.read', subject: 'plugin::linkage.guide' },
    { id: 2, action: 'plugin::content-manager.explorer.read', subject: 'api::page.page' },
    { id: 3, action: 'plugin::upload.read', subject: null },
    { id: 4, action: 'plugin::linkage.reports.read', subject: null },
  ];
  expect(linkagePermissions(stored).map((p) => p.id)).toEqual([1, 4]);
});
