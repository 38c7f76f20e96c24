// A unit question asked level by level on the pages, over the demo catalog: a choice above the
// answer's level is a step of the form (the page asks the next level under it), never the route's
// answer; each step offers one level's units under the choice so far.
import { parseAnswers } from '../../src/plugins/linkage/server/src/domain/answers';
import { partialUnitChoices, unitStep } from '../../src/plugins/linkage/server/src/domain/unit-question-steps';
import { ALLOWANCE, BADAGUAN_STREET, CITY, JIAOZHOU, SHINAN, TAIPINGJIAO, itemOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const allowance = itemOf(nav, ALLOWANCE);
const childrenOf = (code: string) =>
  nav.catalog.units
    .filter((u) => u.parent === code)
    .map((u) => u.code)
    .sort();

describe('partialUnitChoices', () => {
  it('takes a district or a street given for a community question out of the answers, as a choice in progress', () => {
    for (const code of [CITY, SHINAN, BADAGUAN_STREET]) {
      const { answers, partial } = partialUnitChoices({ household_location: code, other: 'x' }, allowance, nav.units);
      expect(partial).toEqual({ household_location: code });
      expect(answers).toEqual({ other: 'x' });
    }
  });

  it('leaves an answer at the level, an unknown code and a unit outside the area to the route (which refuses what it must)', () => {
    for (const value of [TAIPINGJIAO, '370299999999', 'shinan', ['a', 'b']]) {
      const { answers, partial } = partialUnitChoices({ household_location: value }, allowance, nav.units);
      expect(partial).toEqual({});
      expect(answers).toEqual({ household_location: value });
    }
    const within = { ...allowance, questions: allowance.questions.map((q) => (q.key === 'household_location' ? { ...q, within: JIAOZHOU } : q)) };
    expect(partialUnitChoices({ household_location: SHINAN }, within, nav.units).partial).toEqual({});
  });

  it('the route API keeps refusing what the pages take as a step', () => {
    expect(parseAnswers({ household_location: SHINAN }, allowance, nav.units).problems.map((p) => p.path)).toEqual([['household_location']]);
  });
});

describe('unitStep', () => {
  it('from the city, down to a community: each step one level', () => {
    const top = unitStep(CITY, 'community', undefined, nav.units);
    expect(top.options.map((o) => o.unit.code)).toEqual(childrenOf(CITY));
    expect(top).toMatchObject({ asking: 'district', chosenSoFar: '', back: null, path: [] });
    const district = unitStep(CITY, 'community', SHINAN, nav.units);
    expect(district.options.map((o) => o.unit.code)).toEqual(childrenOf(SHINAN));
    expect(district).toMatchObject({ asking: 'street', chosenSoFar: SHINAN, back: { value: '', level: 'district' } });
    const street = unitStep(CITY, 'community', BADAGUAN_STREET, nav.units);
    expect(street.options.map((o) => o.unit.code)).toEqual(childrenOf(BADAGUAN_STREET));
    expect(street.options.every((o) => o.final)).toBe(true);
    expect(street.path.map((u) => u.code)).toEqual([SHINAN, BADAGUAN_STREET]);
    expect(street.back).toEqual({ value: SHINAN, level: 'street' });
    const answered = unitStep(CITY, 'community', TAIPINGJIAO, nav.units);
    expect(answered.options.filter((o) => o.selected).map((o) => o.unit.code)).toEqual([TAIPINGJIAO]);
    expect(answered.chosenSoFar).toBe(BADAGUAN_STREET);
  });

  it('never offers more than one level under one unit, for any choice in the demo', () => {
    for (const unit of nav.catalog.units) {
      const step = unitStep(CITY, 'community', unit.code, nav.units);
      const parents = new Set(step.options.map((o) => o.unit.parentCode));
      expect(parents.size).toBeLessThanOrEqual(1);
      expect(new Set(step.options.map((o) => o.unit.level)).size).toBeLessThanOrEqual(1);
    }
  });

  it('a scope at the answer level offers itself only', () => {
    expect(unitStep(TAIPINGJIAO, 'community', undefined, nav.units).options).toEqual([{ unit: nav.units.get(TAIPINGJIAO), selected: true, final: true }]);
  });
});
