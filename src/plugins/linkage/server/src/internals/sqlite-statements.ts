// On SQLite, each statement is prepared once per connection and kept (docs/adr/022-sqlite-statements.md).
// knex's better-sqlite3 client prepares every query's SQL anew, which under a burst of page misses
// is a sixth of the main thread; SQLite re-prepares a kept statement itself when the schema changes.
import type { Core } from '@strapi/strapi';

/** The statements kept per connection: the most recently prepared, up to this many. */
const KEPT = 500;

interface Statement {
  readonly reader: boolean;
}
interface Connection {
  prepare(sql: string): Statement;
}
type Query = (this: unknown, connection: Connection, obj: { sql?: string }) => Promise<unknown>;

/** The one line of knex's `_query` this relies on: it prepares the query's SQL on the connection, first thing. */
export const KNEX_PREPARE_CALL = 'connection.prepare(obj.sql)';

export function keepSqliteStatements(strapi: Core.Strapi): void {
  const client = strapi.db.connection.client as unknown as { driverName?: string; _query: Query };
  if (client.driverName !== 'better-sqlite3') return;
  const original = client._query;
  const kept = new WeakMap<Connection, Map<string, Statement>>();
  const statementOf = (connection: Connection, sql: string): Statement => {
    let statements = kept.get(connection);
    if (!statements) kept.set(connection, (statements = new Map()));
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last: the first is the one to let go.
      statements.delete(sql);
    } else {
      statement = connection.prepare(sql);
      if (statements.size >= KEPT) statements.delete(statements.keys().next().value as string);
    }
    statements.set(sql, statement);
    return statement;
  };
  client._query = async function keptStatementsQuery(connection, obj) {
    if (!connection || !obj?.sql) return original.call(this, connection, obj);
    const statement = statementOf(connection, obj.sql);
    // knex's _query prepares synchronously, before its first await: it is handed the kept statement.
    const prepare = connection.prepare;
    connection.prepare = () => statement;
    try {
      return original.call(this, connection, obj);
    } finally {
      connection.prepare = prepare;
    }
  };
}
