// Which stored site templates are defaults as some earlier version of the plugin shipped them, never
// edited by the city: those are brought to the current defaults at boot, so a fix to the shipped
// pages reaches existing sites; a template the city changed stands. A template is known by its
// fingerprint, the SHA-256 of its body and styles.
import { createHash } from 'node:crypto';

export interface TemplateText {
  readonly body: string;
  readonly styles: string;
}

export interface StoredTemplate extends TemplateText {
  readonly key: string;
}

export const templateFingerprint = (t: TemplateText): string => createHash('sha256').update(`${t.body}\u0000${t.styles}`).digest('hex');

/**
 * The keys whose every stored row (draft and published) is a shipped version and some row is not
 * the current default. `shipped` lists, by key, the fingerprints of every version ever shipped.
 */
export function untouchedDefaults(
  stored: readonly StoredTemplate[],
  current: Readonly<Record<string, TemplateText>>,
  shipped: Readonly<Record<string, readonly string[]>>
): string[] {
  return Object.keys(current).filter((key) => {
    const rows = stored.filter((t) => t.key === key);
    if (rows.length === 0) return false;
    const now = templateFingerprint(current[key]);
    const prints = rows.map((t) => templateFingerprint({ body: t.body, styles: t.styles ?? '' }));
    return prints.every((p) => (shipped[key] ?? []).includes(p)) && prints.some((p) => p !== now);
  });
}
