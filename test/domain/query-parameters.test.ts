// The parameters a public address takes: anything else, or one given twice, is a problem naming it;
// and the plain queries read before Koa exactly as Strapi's query parser reads them.
import fc from 'fast-check';
import qs from 'qs';
import { parameterProblems, plainParameters } from '../../src/plugins/linkage/server/src/domain/query-parameters';

const ITEMS = { locale: 'one', domain: 'one' } as const;

describe('parameterProblems', () => {
  it('accepts the parameters an address takes, given once', () => {
    expect(parameterProblems({ locale: 'en', domain: 'housing' }, ITEMS)).toEqual([]);
    expect(parameterProblems({}, {})).toEqual([]);
  });

  it('names an unknown parameter and says what the address takes', () => {
    expect(parameterProblems({ colour: 'red' }, ITEMS)).toMatchObject([
      {
        path: ['colour'],
        message: 'is not a parameter of this address (this address takes locale, domain)',
        text: { en: 'This address does not take “colour”.', 'zh-Hans': '此地址不接受参数“colour”。' },
      },
    ]);
    expect(parameterProblems({ x: '1' }, {})).toMatchObject([{ path: ['x'], message: 'is not a parameter of this address (this address takes no parameters)' }]);
  });

  it('names a parameter given twice, and a bracketed one where text is expected', () => {
    expect(parameterProblems({ domain: ['a', 'b'] }, ITEMS)).toMatchObject([{ path: ['domain'], message: 'must be given once, as text' }]);
    expect(parameterProblems({ domain: { $eq: 'a' } }, ITEMS)).toMatchObject([{ path: ['domain'], message: 'must be given once, as text' }]);
  });

  it('takes a map as name[key]=value, each key once', () => {
    expect(parameterProblems({ answers: { type: 'normal' } }, { answers: 'map' })).toEqual([]);
    expect(parameterProblems({ answers: 'normal' }, { answers: 'map' })).toMatchObject([{ path: ['answers'], message: 'must be given as answers[key]=value' }]);
    expect(parameterProblems({ answers: { type: ['a', 'b'] } }, { answers: 'map' })).toMatchObject([{ path: ['answers', 'type'], message: 'must be given once, as text' }]);
  });
});

describe('plainParameters: a plain query read as Strapi reads it', () => {
  const ROUTE = { locale: 'one', answers: 'map' } as const;
  // @strapi/core's query middleware (middlewares/query.js): qs with these settings, none overridden in config/middlewares.ts.
  const strapiParse = (query: string) => qs.parse(query, { strictNullHandling: true, arrayLimit: 100, depth: 20 });

  it('reads each parameter once, map entries with their brackets raw or percent-encoded, + as a space', () => {
    expect(plainParameters('', ROUTE)).toEqual({});
    expect(plainParameters('locale=en', ROUTE)).toEqual({ locale: 'en' });
    expect(plainParameters('answers%5Bresidence%5D=370202000000&answers[type]=a+b%2Cc&locale=zh-Hans', ROUTE)).toEqual({
      answers: { residence: '370202000000', type: 'a b,c' },
      locale: 'zh-Hans',
    });
    expect(plainParameters('answers[x]=&locale=', ROUTE)).toEqual({ answers: { x: '' }, locale: '' });
    expect(plainParameters('answers[k]=a=b', ROUTE)).toEqual({ answers: { k: 'a=b' } });
  });

  it.each([
    ['locale=en&locale=zh-Hans', 'a parameter given twice'],
    ['answers[a]=1&answers%5Ba%5D=2', 'an entry given twice'],
    ['colour=red', 'an unknown parameter'],
    ['answers=x', 'a map given as text'],
    ['locale[x]=en', 'text given as a map'],
    ['answers[]=x', 'an empty key'],
    ['answers[0]=x', 'a key qs reads as an array index'],
    ['answers[__proto__]=x', 'a key qs drops'],
    ['answers[hasOwnProperty]=x', "a key of Object's prototype, which qs drops"],
    ['answers[a][b]=x', 'a nested key'],
    ['answers[a.b]=x', 'a key with a dot'],
    ['locale', 'a name without =, which qs reads as null'],
    ['locale=en&&answers[a]=1', 'an empty pair'],
    ['locale=%E0%A4%A', 'an escape that does not decode'],
  ])('is null for %s: %s', (query) => {
    expect(plainParameters(query, ROUTE)).toBeNull();
  });

  it('reads every query it accepts as qs does, and then parameterProblems finds nothing (property-based)', () => {
    const piece = fc.oneof(
      fc.constantFrom('locale', 'answers[a]', 'answers%5Bb%5D', 'answers[c_d-1]', 'answers[0]', 'answers[]', 'answers', 'answers[a][b]', 'x', 'answers[toString]', 'loc%61le'),
      fc.stringMatching(/^[a-z[\]%0-9_.]{1,12}$/)
    );
    const value = fc.oneof(fc.constantFrom('', 'en', 'zh-Hans', 'a+b', '%20', '%E4%B8%AD', '%', '%zz', '=', '370202000000'), fc.string({ maxLength: 6 }).map(encodeURIComponent));
    const pair = fc.oneof(
      fc.tuple(piece, value).map(([name, v]) => `${name}=${v}`),
      piece
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 5 }), (pairs) => {
        const query = pairs.join('&');
        const plain = plainParameters(query, ROUTE);
        if (plain === null) return;
        const parsed = strapiParse(query);
        expect({ query, parsed }).toEqual({ query, parsed: plain });
        expect(parameterProblems(parsed, ROUTE)).toEqual([]);
      }),
      { numRuns: 2000 }
    );
  });
});
