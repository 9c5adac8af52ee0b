import { loadConfig } from '@huikuan/config';

/**
 * PostgreSQL when DATABASE_URL is set (production), embedded SQLite otherwise.
 * The settings themselves live in @huikuan/config.
 */
export default () => {
  const { database } = loadConfig();
  if (database.client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: { connectionString: database.url, schema: database.schema },
        pool: { min: 0, max: 10 },
        acquireConnectionTimeout: 60000,
      },
    };
  }
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: database.filename },
      useNullAsDefault: true,
    },
  };
};
