// On SQLite, each statement is prepared once per connection and kept (docs/adr/022-sqlite-statements.md).
// knex's better-sqlite3 client prepares every query's SQL anew, which under a burst of page misses
// is a sixth of the main thread; SQLite re-prepares a kept statement itself when the schema changes.
// The page misses' own reads skip knex's query runner too: it cost more than the reads.
import type { Core } from '@strapi/strapi';
import { readDirectly } from '../services/published';

/** The statements kept per connection: the most recently prepared, up to this many. */
const KEPT = 500;

interface Statement {
  readonly reader: boolean;
  all(...bindings: unknown[]): unknown[];
}
interface Connection {
  prepare(sql: string): Statement;
}
type Query = (this: unknown, connection: Connection, obj: { sql?: string }) => Promise<unknown>;
interface SqliteClient {
  driverName?: string;
  _query: Query;
  acquireConnection(): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<void>;
}

/** The one line of knex's `_query` this relies on: it prepares the query's SQL on the connection, first thing. */
export const KNEX_PREPARE_CALL = 'connection.prepare(obj.sql)';

const kept = new WeakMap<Connection, Map<string, Statement>>();

function statementOf(connection: Connection, sql: string): Statement {
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
}

/**
 * A read's rows from its kept statement on the pool's one connection, taken and given back as
 * knex's runner does (so a write's transaction holding it is waited for). Never inside a
 * transaction: that connection is the transaction's (services/published.ts reads through it then).
 */
async function keptStatementRows(client: SqliteClient, sql: string, bindings: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
  const connection = await client.acquireConnection();
  try {
    return statementOf(connection, sql).all(...bindings) as Array<Record<string, unknown>>;
  } finally {
    await client.releaseConnection(connection);
  }
}

export function keepSqliteStatements(strapi: Core.Strapi): void {
  const client = strapi.db.connection.client as unknown as SqliteClient;
  if (client.driverName !== 'better-sqlite3') return;
  readDirectly(strapi, (sql, bindings) => keptStatementRows(client, sql, bindings));
  const original = client._query;
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
