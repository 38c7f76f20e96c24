// Drops the run's seeded template database.
import { applyTestEnv } from './env';
import { emptyDatabase, templateName } from './databases';

export default async function globalTeardown(): Promise<void> {
  applyTestEnv();
  const template = await emptyDatabase(templateName());
  await template.drop();
}
