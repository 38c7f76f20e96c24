// What a link that pages offer may be: an absolute http(s) address, nothing else (`javascript:`,
// `data:`, `vbscript:`, relative or protocol-relative addresses, credentials, whitespace). One rule
// for every write path (Content Manager, Document Service, import) and for rendering, so that what
// the admin can save the export writes and the import reads back.
import { problem, type Problem } from './problems';

export const MAX_URL_LENGTH = 2048;

/** Why `value` is not a web address a page may link to, or null when it is one. */
export function webUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `must be a web address (text), got ${value === null ? 'null' : typeof value}`;
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters, got ${value.length}`;
  // Control characters and spaces: browsers strip some of them, which hides a scheme.
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(value)) return 'must not contain spaces or control characters';
  if (!/^https?:\/\//i.test(value)) return `must be a web address starting with http:// or https://, got ${JSON.stringify(value.slice(0, 60))}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid web address: ${JSON.stringify(value.slice(0, 60))}`;
  }
  if (url.hostname === '') return 'must name a host';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  return null;
}

export const isWebUrl = (value: unknown): value is string => webUrlProblem(value) === null;

/** An optional link (null, absent or blank means none). */
export const optionalWebUrlProblem = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : webUrlProblem(value));

/**
 * A blank form names a file of the media library; if it is written as an address instead, that
 * address must be a web address.
 */
export function blankFormProblem(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return `must be a file name or a web address (text), got ${typeof value}`;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return 'must not contain control characters';
  // Browsers ignore blanks inside a scheme: "java script:" is still one.
  return /^[a-z][a-z0-9+.-]*:/i.test(value.replace(/\s/g, '')) ? webUrlProblem(value) : null;
}

/** Where a stored file may be linked from a page: a web address or a path on this server. */
export const isLinkableFileUrl = (value: unknown): value is string =>
  // eslint-disable-next-line no-control-regex -- a path with control characters is no link
  isWebUrl(value) || (typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !/[\u0000-\u001f]/.test(value));

interface Material {
  readonly blankForm?: unknown;
}

/** The link fields of a write to a Linkage type (`data` as the Document Service gets it). */
export function webUrlProblems(uid: string, data: Readonly<Record<string, unknown>> | undefined): Problem[] {
  if (!data) return [];
  const problems: Problem[] = [];
  const check = (path: Array<string | number>, reason: string | null) => {
    if (reason) problems.push(problem(path, reason));
  };
  if (uid === 'plugin::linkage.unit' && 'siteUrl' in data) check(['siteUrl'], optionalWebUrlProblem(data.siteUrl));
  if (uid === 'plugin::linkage.guide') {
    if ('onlineUrl' in data) check(['onlineUrl'], optionalWebUrlProblem(data.onlineUrl));
    if (Array.isArray(data.materials)) (data.materials as Material[]).forEach((m, i) => check(['materials', i, 'blankForm'], blankFormProblem(m?.blankForm)));
  }
  if (uid === 'plugin::linkage.item' && Array.isArray(data.policies)) {
    (data.policies as Array<{ url?: unknown }>).forEach((p, i) => check(['policies', i, 'url'], optionalWebUrlProblem(p?.url)));
  }
  return problems;
}
