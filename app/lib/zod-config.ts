import { config } from 'zod';

// Zod compiles faster parsers with `new Function` where it may; our Content-Security-Policy forbids
// eval, and Zod's probe for it is reported as a violation on every page with a form schema.
// Imported first by root.tsx so it runs before any route module builds a schema.
config({ jitless: true });
