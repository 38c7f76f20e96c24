// The area a unit serves, by name (linked data's areaServed): a community-level unit is named for its
// committee, an organisation; its area is the community or village. Checked on every demo unit, in
// both locales, against names written out here, and on the rule's edges.
import { areaName } from '../../src/plugins/linkage/server/src/domain/area-names';
import { loadDemo } from './demo-fixtures';

// Every unit of the demo: code → [zh-Hans area, en area].
const DEMO_AREAS: Readonly<Record<string, readonly [string, string]>> = {
  '370200000000': ['青岛市', 'Qingdao'],
  '370202000000': ['市南区', 'Shinan District'],
  '370203000000': ['市北区', 'Shibei District'],
  '370211000000': ['黄岛区', 'Huangdao District'],
  '370212000000': ['崂山区', 'Laoshan District'],
  '370213000000': ['李沧区', 'Licang District'],
  '370214000000': ['城阳区', 'Chengyang District'],
  '370215000000': ['即墨区', 'Jimo District'],
  '370281000000': ['胶州市', 'Jiaozhou City'],
  '370283000000': ['平度市', 'Pingdu City'],
  '370285000000': ['莱西市', 'Laixi City'],
  '370202001000': ['八大关街道', 'Badaguan Subdistrict'],
  '370202002000': ['香港中路街道', 'Xianggang Zhonglu Subdistrict'],
  '370213001000': ['李村街道', 'Licun Subdistrict'],
  '370211001000': ['辛安街道', "Xin'an Subdistrict"],
  '370281001000': ['阜安街道', "Fu'an Subdistrict"],
  '370281002000': ['中云街道', 'Zhongyun Subdistrict'],
  '370283001000': ['东阁街道', 'Dongge Subdistrict'],
  '370202001001': ['太平角社区', 'Taipingjiao Community'],
  '370202001002': ['汇泉社区', 'Huiquan Community'],
  '370202002001': ['东海路社区', 'Donghai Road Community'],
  '370213001001': ['书院路社区', 'Shuyuan Road Community'],
  '370211001001': ['辛安村', "Xin'an Village"],
  '370281001001': ['常州路社区', 'Changzhou Road Community'],
  '370281001002': ['北关村', 'Beiguan Village'],
  '370283001001': ['红旗路社区', 'Hongqi Road Community'],
};

describe('areaName on every demo unit', () => {
  const units = loadDemo().units;

  it('covers every unit of the demo, and no other', () => {
    expect(units.map((u) => u.code).sort()).toEqual(Object.keys(DEMO_AREAS).sort());
  });

  test.each(units.map((u) => [u.code, u.level, u.name['zh-Hans'], u.name.en] as const))('%s (%s) %s / %s', (code, _level, zh, en) => {
    expect([areaName(zh), areaName(en)]).toEqual(DEMO_AREAS[code]);
  });

  it("names every community-level unit's area apart from its committee, and no other unit's", () => {
    for (const u of units) {
      const changed = areaName(u.name['zh-Hans']) !== u.name['zh-Hans'] && areaName(u.name.en) !== u.name.en;
      expect({ code: u.code, changed }).toEqual({ code: u.code, changed: u.level === 'community' });
    }
  });
});

describe('areaName: the rule', () => {
  test.each([
    ['a residents’ committee whose name holds 社区: the 社区 stays, once', '太平角社区居民委员会', '太平角社区'],
    ['a residents’ committee named without 社区 gets it', '东海路居民委员会', '东海路社区'],
    ['the short form 居委会', '汇泉社区居委会', '汇泉社区'],
    ['a villagers’ committee gets 村', '辛安村民委员会', '辛安村'],
    ['a villagers’ committee whose name holds 村: the 村 stays, once', '北关村村民委员会', '北关村'],
    ['the short form 村委会', '北关村委会', '北关村'],
    ["English: … Residents' Committee", "Taipingjiao Residents' Committee", 'Taipingjiao Community'],
    ['English: a typographic apostrophe', 'Taipingjiao Residents’ Committee', 'Taipingjiao Community'],
    ['English: no apostrophe', 'Taipingjiao Residents Committee', 'Taipingjiao Community'],
    ["English: … Community Residents' Committee keeps one Community", "Taipingjiao Community Residents' Committee", 'Taipingjiao Community'],
    ["English: … Villagers' Committee", "Beiguan Villagers' Committee", 'Beiguan Village'],
    ["English: … Village Villagers' Committee keeps one Village", "Beiguan Village Villagers' Committee", 'Beiguan Village'],
    ['surrounding white space is dropped', '  太平角社区居民委员会 ', '太平角社区'],
    ['a name that is only the committee stays as it is', '居民委员会', '居民委员会'],
    ['an area name stays as it is', '胶州市', '胶州市'],
    ['a committee word inside a name is not an ending', '居民委员会大楼', '居民委员会大楼'],
    ['another kind of committee is not a community’s', '青岛市劳动能力鉴定委员会', '青岛市劳动能力鉴定委员会'],
  ])('%s: %s → %s', (_why, name, area) => {
    expect(areaName(name)).toBe(area);
  });
});
