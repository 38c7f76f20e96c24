// A preview link's token: which record it shows (content type, document, locale) and until when,
// signed with a server secret (HMAC-SHA256), so that only a link the server handed out shows a
// draft, and only for a few minutes. The token carries no secret; it is path-safe (base64url).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PreviewClaim {
  readonly uid: string;
  readonly documentId: string;
  /** The locale previewed; null for a type that is not localized (any locale may be chosen). */
  readonly locale: string | null;
  /** Seconds since the epoch after which the link no longer works. */
  readonly expires: number;
  /** For a site template: the unit (and item) whose page shows it, as the editor chose. */
  readonly unit?: string;
  readonly item?: string;
}

export type PreviewCheck = { readonly ok: true; readonly claim: PreviewClaim } | { readonly ok: false; readonly reason: 'malformed' | 'forged' | 'expired' };

// Versioned and labelled, so that a signature made for anything else never passes for a preview.
const signed = (c: PreviewClaim): string => ['linkage-preview', '2', c.uid, c.documentId, c.locale ?? '', String(c.expires), c.unit ?? '', c.item ?? ''].join('\n');

const mac = (claim: PreviewClaim, secret: string): Buffer => createHmac('sha256', secret).update(signed(claim)).digest();

export function signPreview(claim: PreviewClaim, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ u: claim.uid, d: claim.documentId, l: claim.locale, e: claim.expires, n: claim.unit, i: claim.item })).toString('base64url');
  return `${payload}.${mac(claim, secret).toString('base64url')}`;
}

function parseClaim(payload: string): PreviewClaim | null {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { u, d, l, e, n, i } = raw ?? {};
    if (typeof u !== 'string' || typeof d !== 'string' || u === '' || d === '') return null;
    if (l !== null && typeof l !== 'string') return null;
    if (typeof e !== 'number' || !Number.isSafeInteger(e)) return null;
    if ((n !== undefined && (typeof n !== 'string' || n === '')) || (i !== undefined && (typeof i !== 'string' || i === ''))) return null;
    return { uid: u, documentId: d, locale: l, expires: e, ...(n === undefined ? {} : { unit: n }), ...(i === undefined ? {} : { item: i }) };
  } catch {
    return null;
  }
}

/** Checks a token at `now` (seconds): the signature first, so a forged link never says more. */
export function checkPreview(token: string, secret: string, now: number): PreviewCheck {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return { ok: false, reason: 'malformed' };
  const claim = parseClaim(parts[0]);
  if (!claim) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(parts[1], 'base64url');
  const expected = mac(claim, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  // The payload is signed as parsed: a re-encoded payload with the same claim is the same link.
  if (claim.expires < now) return { ok: false, reason: 'expired' };
  return { ok: true, claim };
}

/** The secret previews are signed with: the configured one, else one derived from the app's keys. */
export function previewSecret(configured: string | undefined, appKeys: readonly string[]): string | null {
  if (configured) return configured;
  if (appKeys.length === 0 || appKeys.every((k) => k === '')) return null;
  return createHmac('sha256', appKeys.join(',')).update('linkage preview links').digest('base64url');
}
