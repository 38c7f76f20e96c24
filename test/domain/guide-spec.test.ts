import { SPEC_FIELDS, guideSpecProblems } from '../../src/plugins/linkage/server/src/domain/guide-spec';
import { loadDemo } from './demo-fixtures';

describe('guideSpecProblems', () => {
  it('accepts the demo guide spec', () => {
    const spec = loadDemo().guideSpec;
    expect(spec?.required).toEqual(['conditions', 'materials', 'timeLimit', 'fee', 'address', 'phone', 'hours']);
    expect(guideSpecProblems(spec?.required)).toEqual([]);
  });

  it('accepts every guide field, and an empty list', () => {
    expect(guideSpecProblems([...SPEC_FIELDS])).toEqual([]);
    expect(guideSpecProblems([])).toEqual([]);
  });

  it.each([undefined, null, 'conditions', { conditions: true }])('refuses %p, which is not a list', (required) => {
    expect(guideSpecProblems(required)).toEqual([{ path: ['required'], message: 'must be a list of guide fields' }]);
  });

  it('refuses a name that is not a guide field, at its index, listing the fields', () => {
    expect(guideSpecProblems(['fee', 'title', 7])).toEqual([
      { path: ['required', 1], message: '"title" is not a guide field (fields: conditions, materials, timeLimit, fee, onlineUrl, address, phone, hours)' },
      { path: ['required', 2], message: '7 is not a guide field (fields: conditions, materials, timeLimit, fee, onlineUrl, address, phone, hours)' },
    ]);
  });

  it('refuses a field listed twice, at its second mention only', () => {
    expect(guideSpecProblems(['fee', 'phone', 'fee', 'fee'])).toEqual([
      { path: ['required', 2], message: 'fee is listed twice' },
      { path: ['required', 3], message: 'fee is listed twice' },
    ]);
  });
});
