import { guideTitle } from '../../src/plugins/linkage/server/src/domain/guide-title';

const names = {
  items: new Map([['QD-SI-001', '企业职工退休认证']]),
  stages: new Map([['QD-SI-001/district-review', '区(市)社会保险经办机构审核']]),
  units: new Map([['370281000000', '胶州市']]),
};

describe('guideTitle: a guide read as what it is', () => {
  it('is item · stage · unit, by their names', () => {
    expect(guideTitle({ itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370281000000' }, names)).toBe('企业职工退休认证 · 区(市)社会保险经办机构审核 · 胶州市');
  });

  it('shows a code where a name is missing', () => {
    expect(guideTitle({ itemCode: 'QD-SI-001', stageKey: 'city-approval', unitCode: '370200000000' }, names)).toBe('企业职工退休认证 · city-approval · 370200000000');
  });

  it('is null until the item, stage and unit are chosen', () => {
    expect(guideTitle({ itemCode: 'QD-SI-001', stageKey: 'district-review' }, names)).toBeNull();
    expect(guideTitle({ itemCode: '', stageKey: 'x', unitCode: 'y' }, names)).toBeNull();
  });
});
