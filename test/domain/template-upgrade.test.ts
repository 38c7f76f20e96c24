// Stored site templates that are defaults as shipped (never edited) are brought to the current
// defaults at boot; the city's edits stand. The shipped fingerprints list every version, the
// current one included, so a change to the defaults cannot ship without its fingerprint.
import { DEFAULT_TEMPLATES } from '../../src/plugins/linkage/server/src/site-templates/defaults';
import { SHIPPED_FINGERPRINTS } from '../../src/plugins/linkage/server/src/site-templates/shipped-fingerprints';
import { templateFingerprint, untouchedDefaults } from '../../src/plugins/linkage/server/src/domain/template-upgrade';

const OLD = { body: '<p>{{ t.guideStatus[s.status] }}</p>', styles: '' };
const current = { page: { body: '<p>{{ t.guideNotOnline }}</p>', styles: 'p {}' }, other: { body: 'x', styles: '' } };
const shipped = { page: [templateFingerprint(OLD), templateFingerprint(current.page)], other: [templateFingerprint(current.other)] };

describe('templateFingerprint', () => {
  it('is the SHA-256 of body and styles, and tells body from styles apart', () => {
    expect(templateFingerprint({ body: 'a', styles: 'b' })).toMatch(/^[0-9a-f]{64}$/);
    expect(templateFingerprint({ body: 'ab', styles: '' })).not.toBe(templateFingerprint({ body: 'a', styles: 'b' }));
  });
});

describe('untouchedDefaults', () => {
  it('brings an old shipped version (draft and published alike) to the current default', () => {
    expect(
      untouchedDefaults(
        [
          { key: 'page', ...OLD },
          { key: 'page', ...OLD },
        ],
        current,
        shipped
      )
    ).toEqual(['page']);
  });

  it('leaves a template the city edited, even when only its draft was edited', () => {
    expect(untouchedDefaults([{ key: 'page', body: '<p>ours</p>', styles: '' }], current, shipped)).toEqual([]);
    expect(
      untouchedDefaults(
        [
          { key: 'page', ...OLD },
          { key: 'page', body: '<p>draft</p>', styles: '' },
        ],
        current,
        shipped
      )
    ).toEqual([]);
  });

  it('leaves a template already current, a key not stored, and a key the plugin does not ship', () => {
    expect(untouchedDefaults([{ key: 'page', ...current.page }], current, shipped)).toEqual([]);
    expect(untouchedDefaults([], current, shipped)).toEqual([]);
    expect(untouchedDefaults([{ key: 'mine', ...OLD }], current, shipped)).toEqual([]);
  });

  it('treats missing styles as none', () => {
    expect(untouchedDefaults([{ key: 'page', body: OLD.body, styles: undefined as unknown as string }], current, shipped)).toEqual(['page']);
  });
});

describe('the shipped defaults', () => {
  it('have their current fingerprints listed (add them to shipped-fingerprints.ts when changing defaults.ts)', () => {
    const unlisted = Object.entries(DEFAULT_TEMPLATES)
      .filter(([key, t]) => !(SHIPPED_FINGERPRINTS[key] ?? []).includes(templateFingerprint(t)))
      .map(([key]) => key);
    expect(unlisted).toEqual([]);
  });

  it('list fingerprints only for keys the plugin ships, each once', () => {
    expect(Object.keys(SHIPPED_FINGERPRINTS).sort()).toEqual(Object.keys(DEFAULT_TEMPLATES).sort());
    for (const prints of Object.values(SHIPPED_FINGERPRINTS)) expect(new Set(prints).size).toBe(prints.length);
  });
});
