import { dataSourceOptions, type RegisteredDataSource } from '../src';

/**
 * Every data source whose migrations `npm run migrations:check` verifies. For now the lib's own
 * schema; a service adds its entry (its entities and migrations) when it gets a database.
 */
export const registeredDataSources: readonly RegisteredDataSource[] = [
  {
    name: 'persistence',
    options: (url) => dataSourceOptions({ url, entities: [], migrations: [], name: 'migrations-check' }),
  },
];
