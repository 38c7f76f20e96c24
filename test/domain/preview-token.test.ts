// Preview links are signed (HMAC-SHA256 over the content type, document, locale and expiry with a
// server secret): only a link the server handed out, unaltered and unexpired, passes.
import { createHmac } from 'node:crypto';
import { checkPreview, previewSecret, signPreview, type PreviewClaim } from '../../src/plugins/linkage/server/src/domain/preview-token';

const SECRET = 'a-server-secret-of-enough-length';
const NOW = 1_800_000_000;
const claim: PreviewClaim = { uid: 'plugin::linkage.guide', documentId: 'abc123', locale: 'zh-Hans', expires: NOW + 600 };

describe('signPreview and checkPreview', () => {
  it('a link signed with the secret passes until it expires, and gives back its claim', () => {
    const token = signPreview(claim, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(checkPreview(token, SECRET, NOW)).toEqual({ ok: true, claim });
    expect(checkPreview(token, SECRET, NOW + 600)).toEqual({ ok: true, claim });
    expect(checkPreview(token, SECRET, NOW + 601)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a type that is not localized is signed with no locale', () => {
    const template = { ...claim, uid: 'plugin::linkage.site-template', locale: null };
    expect(checkPreview(signPreview(template, SECRET), SECRET, NOW)).toEqual({ ok: true, claim: template });
  });

  it("a template's chosen unit and item are signed with it: altering either makes the link forged", () => {
    const chosen = { ...claim, uid: 'plugin::linkage.site-template', locale: null, unit: '370281000000', item: 'QD-SI-001' };
    const token = signPreview(chosen, SECRET);
    expect(checkPreview(token, SECRET, NOW)).toEqual({ ok: true, claim: chosen });
    const [payload, mac] = token.split('.');
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const changed of [{ n: '370202000000' }, { i: 'QD-CA-001' }, { n: undefined }]) {
      const altered = Buffer.from(JSON.stringify({ ...raw, ...changed })).toString('base64url');
      expect(checkPreview(`${altered}.${mac}`, SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('refuses a link signed with another secret, or with any part of its claim changed', () => {
    expect(checkPreview(signPreview(claim, 'another-secret-entirely-000000'), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    const [, mac] = signPreview(claim, SECRET).split('.');
    for (const changed of [{ documentId: 'other' }, { locale: 'en' }, { uid: 'plugin::linkage.item' }, { expires: NOW + 86400 }]) {
      const c = { ...claim, ...changed };
      const payload = Buffer.from(JSON.stringify({ u: c.uid, d: c.documentId, l: c.locale, e: c.expires })).toString('base64url');
      expect(checkPreview(`${payload}.${mac}`, SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('says forged, not expired, for an expired link with a bad signature (a forger learns nothing)', () => {
    const [payload] = signPreview({ ...claim, expires: NOW - 1 }, SECRET).split('.');
    expect(checkPreview(`${payload}.AAAA`, SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses what is not a token', () => {
    const payloadOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const mac = (value: string) => createHmac('sha256', SECRET).update(value).digest('base64url');
    for (const token of [
      '',
      'abc',
      'a.b.c',
      'ab$.cd',
      `${payloadOf({ u: 1, d: 'x', l: null, e: 1 })}.${mac('x')}`,
      `${payloadOf({ u: 'x', d: '', l: null, e: 1 })}.AA`,
      `${payloadOf({ u: 'x', d: 'y', l: 3, e: 1 })}.AA`,
      `${payloadOf({ u: 'x', d: 'y', l: null, e: 1.5 })}.AA`,
      `${Buffer.from('not json').toString('base64url')}.AA`,
    ]) {
      expect({ token, check: checkPreview(token, SECRET, NOW) }).toEqual({ token, check: { ok: false, reason: 'malformed' } });
    }
  });
});

describe('previewSecret', () => {
  it('is the configured secret when there is one', () => {
    expect(previewSecret('configured-secret-0123456789', ['k1', 'k2'])).toBe('configured-secret-0123456789');
  });

  it("else one derived from the app's keys: stable, and not the keys themselves", () => {
    const derived = previewSecret(undefined, ['k1', 'k2']);
    expect(derived).toBe(previewSecret('', ['k1', 'k2']));
    expect(derived).not.toContain('k1');
    expect(derived).not.toBe(previewSecret(undefined, ['k1', 'k3']));
  });

  it('is none without either', () => {
    expect(previewSecret(undefined, [])).toBeNull();
    expect(previewSecret(undefined, [''])).toBeNull();
  });
});
