import {
  GUIDE_UID,
  PLUGIN_ACTIONS,
  ROLE_CODES,
  ROLE_SPECS,
  permissionKey,
  permissionsToGrant,
  unscopedGuidePermissions,
} from '../../src/plugins/linkage/server/src/domain/linkage-roles';

const spec = (code: string) => {
  const found = ROLE_SPECS.find((s) => s.code === code);
  if (!found) throw new Error(code);
  return found;
};
const editor = spec(ROLE_CODES.unitEditor);

describe('permissionsToGrant: a newer plugin version gives existing roles their new permissions once', () => {
  it('a role whose spec permissions were all given before gets nothing, even if an administrator removed some', () => {
    const given = new Set(editor.permissions.map(permissionKey));
    expect(permissionsToGrant(editor, given, [])).toEqual([]);
  });

  it('a permission added to the spec since is given when the role lacks it', () => {
    const before = editor.permissions.filter((p) => p.action !== PLUGIN_ACTIONS.createReviews);
    const stored = before.map((p) => ({ action: p.action, subject: p.subject ?? null }));
    expect(permissionsToGrant(editor, new Set(before.map(permissionKey)), stored)).toEqual([{ action: PLUGIN_ACTIONS.createReviews }]);
  });

  it('a permission the role already holds is not given twice', () => {
    const stored = editor.permissions.map((p) => ({ action: p.action, subject: p.subject ?? null }));
    expect(permissionsToGrant(editor, new Set(), stored)).toEqual([]);
  });

  it('the key tells the same action on different subjects apart', () => {
    expect(permissionKey({ action: 'a', subject: 'x' })).not.toBe(permissionKey({ action: 'a', subject: 'y' }));
    expect(permissionKey({ action: 'a' })).toBe(permissionKey({ action: 'a', subject: undefined }));
  });
});

describe('unscopedGuidePermissions: fail closed', () => {
  const read = 'plugin::content-manager.explorer.read';
  it('a unit editor guide permission without a registered linkage condition is found; one with it is not', () => {
    const condition = editor.permissions.find((p) => p.subject === GUIDE_UID)?.conditions?.[0] ?? '';
    expect(condition).toMatch(/^plugin::linkage\./);
    const stored = [
      { id: 1, action: read, subject: GUIDE_UID, conditions: [] },
      { id: 2, action: read, subject: GUIDE_UID, conditions: [condition] },
    ];
    expect(unscopedGuidePermissions(editor, stored, () => true).map((p) => p.id)).toEqual([1]);
    expect(unscopedGuidePermissions(editor, stored, () => false).map((p) => p.id)).toEqual([1, 2]);
  });
});
