import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Tables owned by capability (docs/decisions/102-tables-owned-by-capability.md). A capability imports
// its own db/schema/<capability>.ts. It may READ these other tables, never write them (writes go
// through the owner's functions: db/ownership.test.ts checks). Tests are exempt: they set up and
// inspect rows across capabilities.
const capabilities = [
  'accounts',
  'audit',
  'catalog',
  'delivery',
  'evaluation',
  'incubation',
  'invitations',
  'notifications',
  'organizations',
  'payments',
  'procurement',
  'reports',
  'risk',
  'unions',
];
const schemaFiles = [...capabilities, 'platform'];
/** Who is who and who holds which role where: every capability checks its viewer against these. */
const directory = {
  accounts: ['users'],
  unions: ['unions', 'departments', 'staffRoles'],
  organizations: ['organizations', 'organizationMembers'],
};
/** Read models beyond the directory: the tables a capability joins, by owner, and why. */
const readModels = {
  // A commission turns into a contract; the catalog shows a track record of contracts, evaluations, residencies.
  catalog: { procurement: ['contracts'], evaluation: ['evaluations'], incubation: ['incubators', 'residencies'] },
  // An event belongs to a contract or to a residency, whose union oversees it.
  delivery: { procurement: ['contracts'], incubation: ['incubators', 'residencies'] },
  // Contracts and residencies are what is evaluated.
  evaluation: { procurement: ['contracts'], incubation: ['incubators', 'residencies'] },
  // A resident's measured indicators count its contracts.
  incubation: { procurement: ['contracts'] },
  // Milestones and budgets are paid against a contract.
  payments: { procurement: ['contracts'] },
  // Red flags are computed from the purchases, their bids and scores, payments and delivery.
  risk: {
    procurement: ['tenders', 'bids', 'bidScores', 'contracts', 'contractAmendments', 'tenderAmendments'],
    catalog: ['commissions', 'offerings'],
    payments: ['milestones'],
    delivery: ['eventRollups'],
  },
  // The dashboards roll up the open red flags.
  reports: { risk: ['unionRiskRollups'] },
  procurement: {
    // A contract completes when its milestones are paid; OCDS publishes them.
    payments: ['milestones', 'payments'],
    // Tender eligibility and scoring read an organization's standing and residencies.
    evaluation: ['evaluations'],
    incubation: ['incubators', 'residencies'],
    // Sealed bidding hides audit entries and notifications about a tender until its deadline.
    audit: ['auditLog'],
    notifications: ['notifications'],
  },
};
const tests = ['**/*.test.ts', '**/test-helpers.ts', '**/test-fixtures.ts'];
const barrel = {
  regex: String.raw`(^|/)db/schema(/index)?$`,
  message: 'db/schema is for the drizzle client, the seeds and the tests: import db/schema/<capability>.',
};
const schemaOf = (owner) => String.raw`(^|/)db/schema/${owner}$`;
const capabilityImport = (capability) => String.raw`^(~|\.\.)/${capability}/`;

function ownTablesOnly(capability) {
  const patterns = schemaFiles
    .filter((owner) => owner !== capability)
    .map((owner) => {
      const names = [...(directory[owner] ?? []), ...(readModels[capability]?.[owner] ?? [])];
      const message = `db/schema/${owner} belongs to ${owner}: call its functions (docs/decisions/102).`;
      return names.length
        ? { regex: schemaOf(owner), allowImportNames: names, message }
        : { regex: schemaOf(owner), message };
    });
  return {
    files: [`app/${capability}/**`],
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { patterns: [barrel, ...patterns] }] },
  };
}

export default tseslint.config(
  { ignores: ['build', 'bench/floor/build', 'bench/floor/build-routes', '.react-router', 'node_modules', 'data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...capabilities.map(ownTablesOnly),
  {
    // lib/ is the leaf every capability builds on: it imports none of them. Its own tables are
    // server_keys (platform) and the audit log it appends to in every command's transaction.
    files: ['app/lib/**'],
    // db.server.ts builds the drizzle client over every table (db/schema/index.ts).
    ignores: [...tests, 'app/lib/db.server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            barrel,
            ...capabilities.map((capability) => ({
              regex: capabilityImport(capability),
              message: 'lib/ imports no capability: move what it needs into lib/ or the code into the capability.',
            })),
            ...schemaFiles
              .filter((owner) => !['platform', 'audit'].includes(owner))
              .map((owner) => ({ regex: schemaOf(owner), message: 'lib/ owns no capability table.' })),
          ],
        },
      ],
    },
  },
  {
    // The browser has no i18next (decision 109): components translate with ~/lib/translation.
    files: ['app/**'],
    ignores: [...tests, 'app/**/*.server.ts', 'app/entry.server.tsx', 'app/lib/page-messages.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['i18next', 'react-i18next'].map((name) => ({
            name,
            message: 'The browser has no i18next: use useTranslation from ~/lib/translation.',
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  {
    // Routes, pages and the shell read and write through the capabilities' functions.
    files: ['app/routes/**', 'app/ui/**', 'app/http/**', 'app/locales/**', 'app/*.ts', 'app/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: String.raw`(^|/)db/schema(/|$)`, message: 'Call the capability; never the tables.' }] },
      ],
    },
  },
);
