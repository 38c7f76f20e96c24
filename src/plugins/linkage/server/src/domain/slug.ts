// Readable URL slugs for titles in any locale: Chinese is spelled out in pinyin first, because a
// plain slugifier drops every Han character (and the Content Manager's generator returns "").
import { pinyin } from 'pinyin-pro';
import slugify from 'slugify';

const HAN = /\p{Script=Han}/u;

export const hasHan = (text: string): boolean => HAN.test(text);

/** The text with Han characters replaced by their toneless pinyin, words separated by spaces. */
export function romanize(text: string): string {
  if (!hasHan(text)) return text;
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** `企业职工退休认证` → `qi-ye-zhi-gong-tui-xiu-ren-zheng`; `Public rental housing` → `public-rental-housing`. */
export const slugFor = (text: string): string => slugify(romanize(text), { lower: true, strict: true, trim: true });

/** The first of `base`, `base-1`, `base-2`, ... that is not taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
