// `npm run admin:grant -- <email>`: makes an existing account an admin (a maintenance job, outside
// any user scope; recorded in the audit log without an actor). Uses DATABASE_URL (or POSTGRES_URL) when set, else the
// embedded database under HEARTH_DATA_DIR (default .data/; stop the server first, it owns it).
import { grantAdmin } from '../lib/auth/grant-admin.ts';
import { getConfig } from '../lib/config/index.ts';
import { configuredDatabase, openDatabase } from '../lib/db/index.ts';
import { describeOpenError } from '../lib/db/open-errors.ts';

const email = process.argv[2]?.trim();
if (!email || !email.includes('@')) {
  console.error('usage: npm run admin:grant -- <email>');
  process.exit(2);
}

const db = await openDatabase(configuredDatabase()).catch((error: unknown) => {
  console.error(describeOpenError(error, getConfig().database));
  process.exit(1);
});
try {
  const result = await grantAdmin(db, email);
  if (!result) {
    console.error(`No account with the email ${email}. Sign up first, then run this again.`);
    process.exitCode = 1;
  } else {
    console.log(
      result.changed ? `${email} is now an admin. Sign in again to open /admin.` : `${email} was already an admin.`,
    );
  }
} finally {
  await db.close();
}
