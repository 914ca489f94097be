import { type DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the database match the entities. After all migrations ran
 * it must be empty: anything else is an entity change that no migration covers.
 */
export async function findPendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
