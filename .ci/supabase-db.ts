// Makes a Supabase-shaped database on the CI server and pushes the migrations to it as the
// project owner, the way `supabase db push` does: node .ci/supabase-db.ts <superuser URL> <name>
import { createSupabaseShapedDatabase, supabaseDbPush, SUPABASE_OWNER } from '../lib/testing/supabase/shape.ts';

const [adminUrl, name] = process.argv.slice(2);
if (!adminUrl || !name) throw new Error('usage: node .ci/supabase-db.ts <superuser URL> <database name>');
const { ownerUrl } = await createSupabaseShapedDatabase(adminUrl, name);
const applied = await supabaseDbPush(ownerUrl);
console.log(`${name}: Supabase-shaped; ${applied.length} migrations pushed as ${SUPABASE_OWNER}`);
