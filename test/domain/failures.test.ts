// Why a request fails, said without HTTP (domain/failures.ts): the sentences and the enforcement of
// a decision that http-errors.ts turns into Strapi's errors.
import { Invalid, NotFound, Refused, enforce, isFailure, problemMessages, problemsSentence } from '../../src/plugins/linkage/server/src/domain/failures';
import { bilingual, problem } from '../../src/plugins/linkage/server/src/domain/problems';

const withText = problem(['answers', 'enterprise_location'], 'no unit has the code 370299000000', bilingual('the place given does not exist', '所选地点不存在'));
const plain = problem(['locale'], 'must be one of zh-Hans, en');

describe('Invalid', () => {
  it('says its first problem in its language, and how many more there are', () => {
    expect(new Invalid([withText, plain], 'zh-Hans').message).toBe('所选地点不存在（另有 1 处问题）');
    expect(new Invalid([plain]).message).toBe('locale: must be one of zh-Hans, en');
    expect(problemsSentence([withText, plain], 'en')).toBe('the place given does not exist (and 1 more)');
  });

  it('lists each problem in its language, the plain reason where there is no sentence', () => {
    expect(problemMessages(new Invalid([withText, plain], 'zh-Hans'))).toEqual(['所选地点不存在', 'must be one of zh-Hans, en']);
    expect(problemMessages(new Invalid([withText], 'asker'))).toEqual(['the place given does not exist']);
  });
});

describe('enforce', () => {
  it('returns for an allowed decision and refuses a denied one with its reason in both languages', () => {
    expect(() => enforce({ allowed: true })).not.toThrow();
    const reason = bilingual('not yours', '不是你的');
    try {
      enforce({ allowed: false, reason });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(Refused);
      expect((error as Refused).reason).toEqual(reason);
    }
  });
});

it('tells the failures from other errors', () => {
  expect([new Invalid([plain]), new NotFound('no such item', 'slug'), new Refused(bilingual('no', '不'))].every(isFailure)).toBe(true);
  expect(isFailure(new Error('boom'))).toBe(false);
});
