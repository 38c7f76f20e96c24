// The parameters a public address takes: anything else, or one given twice, is a problem naming it.
import { parameterProblems } from '../../src/plugins/linkage/server/src/domain/query-parameters';

const ITEMS = { locale: 'one', domain: 'one' } as const;

describe('parameterProblems', () => {
  it('accepts the parameters an address takes, given once', () => {
    expect(parameterProblems({ locale: 'en', domain: 'housing' }, ITEMS)).toEqual([]);
    expect(parameterProblems({}, {})).toEqual([]);
  });

  it('names an unknown parameter and says what the address takes', () => {
    expect(parameterProblems({ colour: 'red' }, ITEMS)).toEqual([{ path: ['colour'], message: 'is not a parameter of this address (this address takes locale, domain)' }]);
    expect(parameterProblems({ x: '1' }, {})).toEqual([{ path: ['x'], message: 'is not a parameter of this address (this address takes no parameters)' }]);
  });

  it('names a parameter given twice, and a bracketed one where text is expected', () => {
    expect(parameterProblems({ domain: ['a', 'b'] }, ITEMS)).toEqual([{ path: ['domain'], message: 'must be given once, as text' }]);
    expect(parameterProblems({ domain: { $eq: 'a' } }, ITEMS)).toEqual([{ path: ['domain'], message: 'must be given once, as text' }]);
  });

  it('takes a map as name[key]=value, each key once', () => {
    expect(parameterProblems({ answers: { type: 'normal' } }, { answers: 'map' })).toEqual([]);
    expect(parameterProblems({ answers: 'normal' }, { answers: 'map' })).toEqual([{ path: ['answers'], message: 'must be given as answers[key]=value' }]);
    expect(parameterProblems({ answers: { type: ['a', 'b'] } }, { answers: 'map' })).toEqual([{ path: ['answers', 'type'], message: 'must be given once, as text' }]);
  });
});
