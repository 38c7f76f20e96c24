import path from 'path';
import type { Core } from '@strapi/strapi';

// SQLite in .tmp/ unless DATABASE_CLIENT=postgres; Postgres takes DATABASE_URL or the discrete settings.
const config = ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    const url = env('DATABASE_URL');
    // When Postgres is down or unreachable nothing waits long: a connect gives up after
    // DATABASE_CONNECT_TIMEOUT, a request waits for a pooled connection at most
    // DATABASE_CONNECTION_TIMEOUT, and keep-alive finds a connection whose server vanished
    // (README, "When the database is down").
    const resilience = { connectionTimeoutMillis: env.int('DATABASE_CONNECT_TIMEOUT', 2000), keepAlive: true };
    return {
      connection: {
        client: 'postgres',
        connection: url
          ? { connectionString: url, ssl: env.bool('DATABASE_SSL', false), ...resilience }
          : {
              ...resilience,
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'linkage'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false),
              schema: env('DATABASE_SCHEMA', 'public'),
            },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10), createTimeoutMillis: env.int('DATABASE_CONNECT_TIMEOUT', 2000) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 5000),
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}"`);
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        // Compiled to dist/config: the app root is two levels up.
        filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };
};

export default config;
