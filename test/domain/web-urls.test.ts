import { blankFormProblem, isLinkableFileUrl, optionalWebUrlProblem, webUrlProblem, webUrlProblems } from '../../src/plugins/linkage/server/src/domain/web-urls';

describe('webUrlProblem', () => {
  test.each(['https://www.qingdao.gov.cn/', 'http://rsj.qingdao.gov.cn/a/b?c=d#e', 'https://例子.中国/路径'])('accepts %s', (url) => {
    expect(webUrlProblem(url)).toBeNull();
  });

  test.each([
    ['javascript:alert(1)', /starting with http/],
    ['JAVASCRIPT:alert(1)', /starting with http/],
    [' https://x.example', /spaces or control/],
    ['https://x.example/\u2028', /spaces or control/],
    ['java\tscript:alert(1)', /spaces or control/],
    ['data:text/html,<b>', /starting with http/],
    ['//x.example', /starting with http/],
    ['/relative/path', /starting with http/],
    ['ftp://x.example/a', /starting with http/],
    ['https://user:pass@x.example/', /user name or password/],
    ['https://', /not a valid web address|must name a host/],
    [`https://x.example/${'a'.repeat(2100)}`, /at most 2048 characters/],
  ])('refuses %j: %s', (url, reason) => {
    expect(webUrlProblem(url)).toMatch(reason);
  });

  test('not text is refused, saying what it was', () => {
    expect(webUrlProblem(5)).toMatch(/got number/);
    expect(webUrlProblem(null)).toMatch(/got null/);
  });

  test('an optional link may be absent or blank', () => {
    expect([optionalWebUrlProblem(null), optionalWebUrlProblem(undefined), optionalWebUrlProblem('')]).toEqual([null, null, null]);
    expect(optionalWebUrlProblem('javascript:x')).not.toBeNull();
  });
});

describe('blank forms', () => {
  test('a file name passes; an address must be a web address, however its scheme is spaced', () => {
    expect(blankFormProblem('退休申请表.pdf')).toBeNull();
    expect(blankFormProblem('https://forms.example/a.pdf')).toBeNull();
    expect(blankFormProblem('javascript:alert(1)')).not.toBeNull();
    expect(blankFormProblem('java script:alert(1)')).not.toBeNull();
    expect(blankFormProblem('form\u0000.pdf')).toMatch(/control characters/);
  });

  test('a stored file is linked from a web address or a path on this server, never elsewhere', () => {
    expect(isLinkableFileUrl('/uploads/form_1a2b.pdf')).toBe(true);
    expect(isLinkableFileUrl('https://cdn.example/form.pdf')).toBe(true);
    expect(isLinkableFileUrl('//evil.example/x')).toBe(false);
    expect(isLinkableFileUrl('/\\evil.example')).toBe(false);
    expect(isLinkableFileUrl('javascript:alert(1)')).toBe(false);
    expect(isLinkableFileUrl(undefined)).toBe(false);
  });
});

describe('webUrlProblems: the link fields of each type', () => {
  test('names each field by its path', () => {
    expect(webUrlProblems('plugin::linkage.unit', { siteUrl: 'javascript:x' }).map((p) => p.path)).toEqual([['siteUrl']]);
    expect(webUrlProblems('plugin::linkage.item', { policies: [{ url: 'https://ok.example' }, { url: 'data:x' }] }).map((p) => p.path)).toEqual([['policies', 1, 'url']]);
    expect(webUrlProblems('plugin::linkage.guide', { onlineUrl: 'vbscript:x', materials: [{ blankForm: 'a.pdf' }, { blankForm: 'javascript:x' }] }).map((p) => p.path)).toEqual([
      ['onlineUrl'],
      ['materials', 1, 'blankForm'],
    ]);
  });

  test('fields not written are not checked; other types have none', () => {
    expect(webUrlProblems('plugin::linkage.unit', { name: 'x' })).toEqual([]);
    expect(webUrlProblems('plugin::linkage.department', { siteUrl: 'javascript:x' })).toEqual([]);
    expect(webUrlProblems('plugin::linkage.item', undefined)).toEqual([]);
  });
});
