import { isNews, listenSettings, noticePayload, parseNotice, reconnectDelayMs, LISTEN_APPLICATION_NAME } from '../../src/plugins/linkage/server/src/domain/change-notifications';

describe('a change notice', () => {
  test('its payload reads back as what was sent', () => {
    expect(parseNotice(noticePayload({ seq: 42, from: 'instance-a' }))).toEqual({ seq: 42, from: 'instance-a' });
  });
  test('a payload of another shape is no notice', () => {
    for (const payload of [undefined, '', '42', 'x instance-a', '42 a b', '-1 a']) expect(parseNotice(payload)).toBeNull();
  });
  test("another instance's change newer than what was seen is news", () => {
    expect(isNews({ seq: 8, from: 'b' }, 'a', 7)).toBe(true);
    expect(isNews({ seq: 1, from: 'b' }, 'a', null)).toBe(true);
  });
  test("this instance's own change is not (its write already made it forget), nor one already seen", () => {
    expect(isNews({ seq: 8, from: 'a' }, 'a', 7)).toBe(false);
    expect(isNews({ seq: 7, from: 'b' }, 'a', 7)).toBe(false);
    expect(isNews({ seq: 6, from: 'b' }, 'a', 7)).toBe(false);
  });
});

test('reconnecting waits 100 ms, then twice as long each time, at most 5 s', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 10].map(reconnectDelayMs)).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
});

describe("the listening connection's settings, from Strapi's database configuration", () => {
  test('the discrete settings, without knex-only ones and empty passwords', () => {
    const found = listenSettings({
      client: 'postgres',
      connection: { host: 'db', port: 5433, database: 'linkage', user: 'u', password: '', ssl: false, schema: 'public', connectionTimeoutMillis: 2000, keepAlive: true },
      pool: { min: 2 },
    });
    expect(found).toEqual({
      settings: { host: 'db', port: 5433, database: 'linkage', user: 'u', ssl: false, connectionTimeoutMillis: 2000, keepAlive: true, application_name: LISTEN_APPLICATION_NAME },
    });
  });
  test('a connection string, given as the settings or as a string', () => {
    expect(listenSettings({ client: 'postgres', connection: { connectionString: 'postgres://x/y', ssl: true } })).toEqual({
      settings: { connectionString: 'postgres://x/y', ssl: true, keepAlive: true, application_name: LISTEN_APPLICATION_NAME },
    });
    expect(listenSettings({ client: 'postgres', connection: 'postgres://x/y' })).toEqual({
      settings: { connectionString: 'postgres://x/y', keepAlive: true, application_name: LISTEN_APPLICATION_NAME },
    });
  });
  test('what does not describe a Postgres connection is a problem that says so', () => {
    expect(listenSettings({ client: 'sqlite', connection: { filename: 'x.db' } })).toEqual({ problem: 'database.connection.client is "sqlite", not "postgres"' });
    expect(listenSettings(undefined)).toEqual({ problem: 'database.connection.client is undefined, not "postgres"' });
    expect(listenSettings({ client: 'postgres' })).toEqual({ problem: 'database.connection.connection is not an object of connection settings' });
    expect(listenSettings({ client: 'postgres', connection: { schema: 'public' } })).toEqual({
      problem: 'database.connection.connection names neither a connectionString nor a host or database',
    });
  });
});
