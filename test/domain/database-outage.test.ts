// A database outage as the server answers it (domain/database-outage.ts): which errors mean the
// database cannot be reached, which requests go ahead while it is down, the refusal, and readiness.
import {
  RETRY_AFTER_SECONDS,
  goesAheadDuringOutage,
  isDatabaseUnavailable,
  mayHideOutage,
  readiness,
  unavailableBody,
} from '../../src/plugins/linkage/server/src/domain/database-outage';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  test.each([
    ['a restart terminating the session (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown (57P02)', withCode('57P02')],
    ['a server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['any connection exception (class 08)', withCode('08006')],
    ['a refused connect', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset socket', withCode('ECONNRESET')],
    ['a timed-out socket', withCode('ETIMEDOUT')],
    ["pg's socket closed under it", new Error('Connection terminated unexpectedly')],
    ['the same, after the query knex puts first', new Error('select "t0".* from "public"."strapi_core_store_settings" as "t0" limit $1 - Connection terminated unexpectedly')],
    ["pg's connect timeout", new Error('Connection terminated due to connection timeout')],
    ["pg's connect timeout, from the stream", new Error('timeout expired')],
    ['a client left unusable', new Error('Client has encountered a connection error and is not queryable')],
    ["knex's acquire timeout", Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['a refused connect to every address of a host (AggregateError)', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')],
    ['a wrapped cause', new Error('write failed', { cause: withCode('57P01') })],
  ])('%s is', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a serialization failure', withCode('40001')],
    ['a plain error', new Error('something else')],
    ['a string', 'Connection terminated'],
    ['nothing', null],
    ['a validation error that mentions a connection', new Error('the connection field is required')],
    ['a text that only quotes the words', new Error('phone: "Connection terminated" is not a phone number')],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  test('a cause that refers to itself ends', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('mayHideOutage', () => {
  const named = (name: string) => Object.assign(new Error('x'), { name });

  test('a 400 or a 500 may be a failed query some code answered its own way (i18n\'s "This locale doesn\'t exist")', () => {
    expect(mayHideOutage(named('ApplicationError'))).toBe(true);
    expect(mayHideOutage(named('ValidationError'))).toBe(true);
    expect(mayHideOutage(new TypeError('x'))).toBe(true);
  });

  test.each(['UnauthorizedError', 'ForbiddenError', 'PolicyError', 'NotFoundError', 'PayloadTooLargeError', 'RateLimitError', 'NotImplementedError'])(
    'a %s answers the request as such',
    (name) => {
      expect(mayHideOutage(named(name))).toBe(false);
    }
  );
});

describe('goesAheadDuringOutage', () => {
  test.each([
    ['GET', '/_health'],
    ['HEAD', '/_health'],
    ['GET', '/_ready'],
    ['GET', '/api/linkage/items'],
    ['GET', '/api/linkage/items/x/route'],
    ['GET', '/sites/370200000000'],
    ['GET', '/sites/assets/site.css'],
  ])('%s %s goes ahead (probes, and public reads memory may answer)', (method, path) => {
    expect(goesAheadDuringOutage(method, path)).toBe(true);
  });

  test.each([
    ['PUT', '/content-manager/collection-types/plugin::linkage.guide/x'],
    ['POST', '/admin/login'],
    ['GET', '/admin/users/me'],
    ['GET', '/content-manager/collection-types/plugin::linkage.guide'],
    ['GET', '/linkage/my-guides'],
    ['POST', '/api/linkage/items'],
    ['GET', '/api/linkagex'],
    ['GET', '/sitesmap'],
    ['GET', '/api/users'],
  ])('%s %s is refused at once', (method, path) => {
    expect(goesAheadDuringOutage(method, path)).toBe(false);
  });
});

describe('the refusal', () => {
  test("is Strapi's error shape, a 503 saying in the asker's language that the request could not be completed, both texts in the details", () => {
    const zh = unavailableBody('zh-Hans');
    expect(zh.data).toBeNull();
    expect(zh.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError', details: { reason: 'database-unavailable', retryAfterSeconds: RETRY_AFTER_SECONDS } });
    expect(zh.error.message).toMatch(/无法连接数据库.*未能完成/);
    expect(unavailableBody('en').error.message).toMatch(/database cannot be reached.*could not be completed/);
    expect(zh.error.details.messages.en).toBe(unavailableBody('en').error.message);
  });
});

describe('readiness', () => {
  const now = new Date('2026-11-30T08:00:00.000Z');
  const loaded = { status: 'loaded', generation: 3, builtAt: '2026-11-30T07:59:00.000Z', ageSeconds: 60 } as const;

  test('ready (200) when the database answers and the snapshot is loaded', () => {
    expect(readiness('postgres', { status: 'up', latencyMs: 2 }, loaded, now)).toEqual({
      status: 200,
      body: { ready: true, checkedAt: now.toISOString(), database: { status: 'up', latencyMs: 2, client: 'postgres' }, snapshot: loaded },
    });
  });

  test('not ready (503) when the database is down, even with a snapshot in memory', () => {
    const r = readiness('postgres', { status: 'down', reason: 'unreachable', since: '2026-11-30T07:59:58.000Z' }, loaded, now);
    expect(r.status).toBe(503);
    expect(r.body.ready).toBe(false);
  });

  test('not ready (503) when the snapshot cannot be loaded', () => {
    expect(readiness('sqlite', { status: 'up', latencyMs: 1 }, { status: 'unavailable', reason: 'timeout' }, now).status).toBe(503);
  });
});
