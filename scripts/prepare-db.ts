// Opening the database applies any pending migrations; an empty one gets the demo county.
import { databasePath } from '../app/lib/db.server';
import { demoAccounts, demoPassword, seedDemo } from '../db/seed';

const seeded = await seedDemo();
console.log(`Database: ${databasePath()} (${seeded ? 'new, demo county seeded' : 'existing'})`);
console.log(`\nDemo accounts (password for all: ${demoPassword}):`);
for (const account of demoAccounts()) console.log(`  ${account.email.padEnd(34)} ${account.who}`);
console.log(`\nServing on http://localhost:${process.env.PORT ?? 3000}\n`);
