import { hasHan, romanize, slugFor, uniqueSlug } from '../../src/plugins/linkage/server/src/domain/slug';

describe('slugFor', () => {
  it('spells Chinese titles in toneless pinyin, one word per character', () => {
    expect(slugFor('企业职工退休认证')).toBe('qi-ye-zhi-gong-tui-xiu-ren-zheng');
    expect(slugFor('最低生活保障申请')).toBe('zui-di-sheng-huo-bao-zhang-shen-qing');
  });

  it('writes ü as v', () => {
    expect(slugFor('女工人')).toBe('nv-gong-ren');
    expect(slugFor('绿色')).toBe('lv-se');
  });

  it('lower-cases English titles and joins their words with hyphens', () => {
    expect(slugFor('Public rental housing')).toBe('public-rental-housing');
    expect(slugFor('Retirement certification for enterprise employees')).toBe('retirement-certification-for-enterprise-employees');
  });

  it('drops punctuation and surrounding spaces', () => {
    expect(slugFor('  Hello, World!  ')).toBe('hello-world');
    expect(slugFor('社区(村)受理')).toBe('she-qu-cun-shou-li');
  });

  it('keeps Latin words and digits inside Chinese text', () => {
    expect(slugFor('2026年青岛Open Day')).toBe('2026-nian-qing-dao-open-day');
  });
});

describe('romanize and hasHan', () => {
  it('leaves text without Han characters unchanged', () => {
    expect(hasHan('Open Day 2026')).toBe(false);
    expect(romanize('Open Day 2026')).toBe('Open Day 2026');
  });

  it('replaces Han characters by pinyin separated by spaces', () => {
    expect(hasHan('青岛')).toBe(true);
    expect(romanize('青岛')).toBe('qing dao');
  });
});

describe('uniqueSlug', () => {
  it('keeps a slug that is free', () => {
    expect(uniqueSlug('public-rental-housing', new Set(['minimum-living-allowance']))).toBe('public-rental-housing');
  });

  it('adds the first free number to a slug that is taken', () => {
    expect(uniqueSlug('housing', new Set(['housing']))).toBe('housing-1');
    expect(uniqueSlug('housing', new Set(['housing', 'housing-1', 'housing-2']))).toBe('housing-3');
    expect(uniqueSlug('housing', new Set(['housing', 'housing-2']))).toBe('housing-1');
  });
});
