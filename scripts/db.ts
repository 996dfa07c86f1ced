// `npm run db:migrate` and `npm run db:seed`: the maintenance jobs that run outside a user scope.
// Uses DATABASE_URL (or POSTGRES_URL) when set, else the embedded database under HEARTH_DATA_DIR (default .data/).
import { getConfig } from '../lib/config/index.ts';
import { configuredDatabase, openDatabase } from '../lib/db/index.ts';
import { describeOpenError } from '../lib/db/open-errors.ts';
import { seed } from '../lib/db/migrate.ts';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: node scripts/db.ts migrate|seed');
  process.exit(2);
}

const db = await openDatabase(configuredDatabase()).catch((error: unknown) => {
  console.error(describeOpenError(error, getConfig().database));
  process.exit(1);
});
try {
  if (command === 'seed') await seed(db);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    'select count(*)::int as n from supabase_migrations.schema_migrations',
  );
  console.log(`${command}: ok (${n} migrations applied, database: ${db.kind})`);
} finally {
  await db.close();
}
