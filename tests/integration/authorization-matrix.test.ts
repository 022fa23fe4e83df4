// Who may reach what: every route of app/routes.ts, for every role, against records of union A and
// organization A. See docs/decisions/073-authorization-matrix.md.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unionRoles, type UnionRole } from '~/accounts/roles';
import {
  allRoles,
  buildWorld,
  outcomeOf,
  plausibleForm,
  requestFor,
  rolledBack,
  routeLeaves,
  urlFor,
  type Leaf,
  type Outcome,
  type Role,
  type World,
} from '../support/authorization';

// ---- Role groups -----------------------------------------------------------------------------

const unionA = (...roles: UnionRole[]) => roles.map((r) => `${r}A` as Role);
const unionB = (...roles: UnionRole[]) => roles.map((r) => `${r}B` as Role);
const EVERYONE = allRoles;
const SIGNED_IN = allRoles.filter((r) => r !== 'anon' && r !== 'worker');
const NOBODY: Role[] = [];
const ORG_A: Role[] = ['ownerA', 'memberA'];
const UNION_A_STAFF = unionA(...unionRoles);
const UNION_B_STAFF = unionB(...unionRoles);
/**
 * The action parses the form before it checks who is asking, and the matrix's form cannot be valid
 * there (it would need a question, bid or complaint id): every signed-in role gets the 400. The
 * permission check behind it is covered by the capability's own tests.
 */
const VALIDATES_FIRST = SIGNED_IN;

type Allowed = Role[];
/**
 * `post` is one list, or one list per `intent` the action understands (`default`: no intent field).
 * A role not listed must be refused: a redirect to /login, or 401/403/404.
 */
type Spec = { get?: Allowed; post?: Allowed | Record<string, Allowed> };

// ---- The matrix --------------------------------------------------------------------------------

const matrix: Record<string, Spec> = {
  '/': { get: EVERYONE },
  healthz: { get: EVERYONE },
  'set-locale': { post: EVERYONE },
  'set-display': { post: EVERYONE },
  signup: { get: EVERYONE, post: EVERYONE },
  login: { get: EVERYONE, post: EVERYONE },
  // Without a pending sign-in (password checked) the second step sends everyone back to /login.
  'login/two-factor': { get: NOBODY, post: EVERYONE },
  'locales/:lng': { get: EVERYONE },
  logout: { get: EVERYONE, post: EVERYONE },
  account: { get: SIGNED_IN, post: SIGNED_IN },
  me: { get: SIGNED_IN },
  'admin/unions': { get: ['platform'], post: ['platform'] },
  'admin/unions/:unionId': {
    get: ['platform'],
    post: { default: VALIDATES_FIRST, department: ['platform'], invite: ['platform'] },
  },
  // The emailed link: anyone may open it (signed out, it says to sign in); only the verified account
  // of the invited address (ownerB here) sees the offer and may accept it.
  'invitations/:token': { get: ['anon', 'worker', 'ownerB'], post: ['ownerB'] },
  'unions/:unionId/invitations': {
    get: [...unionA('admin'), 'platform'],
    post: { resend: [...unionA('admin'), 'platform'], withdraw: [...unionA('admin'), 'platform'] },
  },
  'orgs/:orgId': { get: EVERYONE },
  tenders: { get: EVERYONE },
  'tenders/new': {
    get: [...unionA('commissioner'), ...unionB('commissioner')],
    post: [...unionA('commissioner'), ...unionB('commissioner')],
  },
  'tenders/:tenderId': {
    get: EVERYONE,
    post: {
      submit: ORG_A,
      saveDraft: ORG_A,
      withdraw: NOBODY,
      publish: unionA('commissioner'),
      ask: ORG_A,
      object: ORG_A,
    },
  },
  'tenders/:tenderId/edit': {
    get: unionA('commissioner'),
    post: { default: unionA('commissioner'), removeAttachment: unionA('commissioner') },
  },
  'tenders/:tenderId/manage': {
    get: unionA('commissioner'),
    post: {
      default: VALIDATES_FIRST,
      assign: unionA('commissioner'),
      remove: unionA('commissioner'),
      answer: VALIDATES_FIRST,
      answerObjection: VALIDATES_FIRST,
      cancel: unionA('commissioner'),
    },
  },
  'tenders/:tenderId/evaluate': {
    get: unionA('commissioner'),
    post: { default: VALIDATES_FIRST, declare: NOBODY, award: unionA('commissioner') },
  },
  'tenders/:tenderId/attachments/:attachmentId': { get: EVERYONE },
  'contracts/:contractId': {
    get: [...ORG_A, ...unionA('admin', 'commissioner', 'reviewer', 'finance', 'leadership', 'auditor')],
    post: {
      confirm: ['ownerA'],
      issue: VALIDATES_FIRST,
      amend: VALIDATES_FIRST,
      complete: unionA('commissioner'),
      terminate: unionA('commissioner'),
    },
  },
  'api/ocds/releases.json': { get: EVERYONE },
  'api/ocds/tenders/:file': { get: EVERYONE },
  'contracts/:contractId/events/new': { get: ORG_A, post: ORG_A },
  'events/:eventId': {
    get: [...ORG_A, ...UNION_A_STAFF],
    post: {
      report: ORG_A,
      'walk-ins': ORG_A,
      'delete-photo': NOBODY,
      accept: unionA('commissioner'),
      return: unionA('commissioner'),
      // Admitting or excluding attendance: the overseeing union's commissioner and reviewer.
      attendance: unionA('commissioner', 'reviewer'),
    },
  },
  'events/:eventId/present': { get: ORG_A },
  // The worker's pages: public by design; only the checked-in worker (its credential) may rate.
  'c/:eventId': { get: EVERYONE, post: EVERYONE },
  'c/:eventId/rate': { get: EVERYONE, post: { create: ['worker'], edit: ['worker'] } },
  'events/:eventId/ratings': {
    get: UNION_A_STAFF,
    // Exclude: the integrity reviewers reach the form's checks (the matrix names no rating: a 400).
    post: {
      exclude: unionA('commissioner', 'reviewer'),
      restore: NOBODY,
      attendance: unionA('commissioner', 'reviewer'),
    },
  },
  'events/:eventId/photos/:photoId': { get: [...ORG_A, ...UNION_A_STAFF] },
  'orgs/:orgId/events/new': { get: ORG_A, post: ORG_A },
  'orgs/:orgId/calendar': { get: ORG_A, post: ['ownerA'] },
  'unions/:unionId/calendar': { get: UNION_A_STAFF, post: unionA('admin', 'commissioner') },
  // The signed token in the URL is the credential.
  'calendar-feeds/:feed': { get: EVERYONE },
  'orgs/new': { get: SIGNED_IN, post: SIGNED_IN },
  'orgs/:orgId/edit': {
    get: ['ownerA'],
    post: { default: ['ownerA'], invite: ['ownerA'], resend: ['ownerA'], withdraw: ['ownerA'] },
  },
  incubators: { get: EVERYONE },
  'incubators/:incubatorId': { get: EVERYONE, post: ORG_A },
  'incubators/:incubatorId/handbook': { get: EVERYONE },
  'incubators/:incubatorId/manage': { get: unionA('admin', 'reviewer', 'incubator_manager', 'leadership') },
  'incubators/:incubatorId/settings': {
    get: unionA('incubator_manager'),
    post: { settings: VALIDATES_FIRST, room: unionA('incubator_manager') },
  },
  'incubators/:incubatorId/meetings': {
    get: [...ORG_A, ...unionA('admin', 'reviewer', 'incubator_manager', 'leadership')],
    post: unionA('incubator_manager'),
  },
  'incubators/:incubatorId/meetings/:meetingId': {
    get: [...ORG_A, ...unionA('admin', 'reviewer', 'incubator_manager', 'leadership')],
    post: unionA('incubator_manager'),
  },
  'applications/:applicationId': {
    get: [...ORG_A, ...unionA('admin', 'reviewer', 'incubator_manager', 'leadership')],
    post: {
      save: ORG_A,
      submit: ORG_A,
      withdraw: ORG_A,
      removeAttachment: ORG_A,
      review: unionA('incubator_manager'),
      score: VALIDATES_FIRST,
      admit: unionA('incubator_manager'),
      reject: unionA('incubator_manager'),
    },
  },
  'applications/:applicationId/attachments/:attachmentId': {
    get: [...ORG_A, ...unionA('admin', 'reviewer', 'incubator_manager', 'leadership')],
  },
  'residencies/:residencyId/evaluations/:evaluationId': {
    get: unionA('admin', 'reviewer', 'incubator_manager', 'leadership'),
    post: { default: VALIDATES_FIRST, publish: unionA('incubator_manager'), cancel: unionA('incubator_manager') },
  },
  'residencies/:residencyId': {
    get: [...ORG_A, ...unionA('admin', 'reviewer', 'incubator_manager', 'leadership')],
    post: {
      book: ORG_A,
      cancelBooking: NOBODY,
      mentoring: unionA('incubator_manager'),
      followUpDone: unionA('incubator_manager'),
      evaluate: unionA('incubator_manager'),
      exitReview: unionA('incubator_manager'),
    },
  },
  catalog: { get: EVERYONE },
  'catalog/:offeringId': { get: EVERYONE, post: unionA('commissioner') },
  'catalog/:offeringId/photos/:photoId': { get: EVERYONE },
  'orgs/:orgId/offerings': { get: ORG_A },
  'orgs/:orgId/offerings/new': { get: ORG_A, post: ORG_A },
  'offerings/:offeringId/edit': {
    get: ORG_A,
    post: {
      save: ORG_A,
      addPhoto: ORG_A,
      removePhoto: NOBODY,
      publish: ORG_A,
      unpublish: ORG_A,
      archive: ORG_A,
      restore: ORG_A,
    },
  },
  commissions: { get: SIGNED_IN },
  'commissions/:commissionId': {
    get: [...ORG_A, ...unionA('admin', 'commissioner', 'reviewer', 'finance', 'leadership', 'auditor')],
    post: { accept: ['ownerA'], decline: ['ownerA'], cancel: unionA('commissioner') },
  },
  'unions/:unionId/commissioning': {
    get: unionA('admin'),
    post: {
      default: unionA('admin'),
      security: unionA('admin'),
      'attendance-standard': unionA('admin'),
      'risk-settings': unionA('admin'),
    },
  },
  // Red flags (decision 115): the union's page for leadership, auditors and the admin; a flag's page
  // for the union's staff; answered by a commissioner or an auditor.
  'unions/:unionId/risk': { get: unionA('admin', 'leadership', 'auditor') },
  'unions/:unionId/risk/export': { get: unionA('admin', 'leadership', 'auditor') },
  'risk/:flagId': {
    get: unionA('admin', 'commissioner', 'reviewer', 'finance', 'leadership', 'auditor'),
    post: { respond: unionA('commissioner', 'auditor') },
  },
  // Every union's staff may read an organization's track record: it is what they buy on.
  'orgs/:orgId/evaluations': { get: [...ORG_A, ...UNION_A_STAFF, ...UNION_B_STAFF] },
  'contracts/:contractId/evaluation': {
    get: [...ORG_A, ...unionA('admin', 'commissioner', 'reviewer', 'finance', 'leadership')],
    post: { review: unionA('reviewer'), complaint: unionA('commissioner', 'reviewer'), resolve: VALIDATES_FIRST },
  },
  // Reports have no record in the URL: each viewer sees their own union's figures.
  reports: {
    get: [
      ...unionA('admin', 'commissioner', 'finance', 'leadership'),
      ...unionB('admin', 'commissioner', 'finance', 'leadership'),
    ],
  },
  'reports/annual': {
    get: [
      ...unionA('admin', 'commissioner', 'finance', 'leadership'),
      ...unionB('admin', 'commissioner', 'finance', 'leadership'),
    ],
  },
  'reports/export/:table': {
    get: [
      ...unionA('admin', 'commissioner', 'finance', 'leadership'),
      ...unionB('admin', 'commissioner', 'finance', 'leadership'),
    ],
  },
  'unions/:unionId/payments': { get: unionA('admin', 'commissioner', 'finance', 'leadership'), post: NOBODY },
  'unions/:unionId/budgets': {
    get: unionA('admin', 'commissioner', 'finance', 'leadership'),
    post: unionA('admin', 'finance'),
  },
  'milestones/:milestoneId': {
    get: [...ORG_A, ...unionA('admin', 'commissioner', 'reviewer', 'finance', 'leadership', 'auditor')],
    // Stripe is off in the matrix's world; its pending attempt never reached Stripe, so it cancels here.
    post: {
      approve: unionA('finance'),
      confirm: ['ownerA'],
      transfer: VALIDATES_FIRST,
      stripe: NOBODY,
      cancelStripe: unionA('finance'),
    },
  },
  'payments/:paymentId/voucher': { get: [...ORG_A, ...unionA('commissioner', 'finance')] },
  'orgs/:orgId/payments': { get: ORG_A, post: { connect: NOBODY } },
  'webhooks/stripe': { get: NOBODY, post: NOBODY },
  notifications: { get: SIGNED_IN, post: SIGNED_IN },
  'notifications/preferences': { get: SIGNED_IN, post: SIGNED_IN },
  'notifications/:notificationId': { get: ['ownerA'] },
  'unsubscribe/:token': { get: EVERYONE, post: EVERYONE },
  'verify-email': { get: EVERYONE, post: SIGNED_IN },
  'forgot-password': { get: EVERYONE, post: EVERYONE },
  'reset-password': { get: EVERYONE, post: EVERYONE },
  'admin/two-factor': { get: ['platform'], post: ['platform'] },
  'admin/outbox': { get: ['platform'] },
  'admin/audit': { get: ['platform'] },
  'unions/:unionId/audit': { get: [...unionA('admin'), 'platform'] },
  'admin/outbox/:notificationId': { get: ['platform'], post: ['platform'] },
  '__test/clock': { get: NOBODY, post: NOBODY },
};

// ---- Running it --------------------------------------------------------------------------------

const routeList = routeLeaves();
const key = (path: string) => path || '/';

type Module = { loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown };

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

async function call(leaf: Leaf, mod: Module, method: 'get' | 'post', role: Role, intent?: string) {
  const { url, params } = urlFor(world, leaf.path);
  return rolledBack(() =>
    outcomeOf(() => {
      if (method === 'get') return mod.loader!({ request: requestFor(url, world.cookies[role]), params, context: {} });
      const body = new URLSearchParams({
        ...plausibleForm(world, leaf.path),
        ...(intent && intent !== 'default' ? { intent } : {}),
      });
      const request = requestFor(url, world.cookies[role], { method: 'POST', body });
      return mod.action!({ request, params, context: {} });
    }),
  );
}

const ordered = (roles: Role[]) => allRoles.filter((r) => roles.includes(r));

function describeSet(roles: Role[]) {
  if (roles.length === EVERYONE.length) return 'EVERYONE';
  if (roles.length === 0) return 'NOBODY';
  const set = new Set(roles);
  if (SIGNED_IN.every((r) => set.has(r)) && roles.length === SIGNED_IN.length) return 'SIGNED_IN';
  return `[${roles.map((r) => `'${r}'`).join(', ')}]`;
}

/** The roles the app lets through, per method (and intent), as a row to paste into the matrix. */
async function observe(leaf: Leaf, mod: Module, intents: string[]) {
  const row: { get?: Role[]; post?: Role[] | Record<string, Role[]> } = {};
  const outcomes: Record<string, Outcome> = {};
  const allowedOf = async (method: 'get' | 'post', intent?: string) => {
    const allowed: Role[] = [];
    for (const role of allRoles) {
      let outcome: Outcome;
      try {
        outcome = await call(leaf, mod, method, role, intent);
      } catch (error) {
        throw new Error(
          `${method.toUpperCase()} /${leaf.path}${intent ? ` intent=${intent}` : ''} as ${role}: ${error}`,
          {
            cause: error,
          },
        );
      }
      outcomes[`${method}${intent ? `:${intent}` : ''}:${role}`] = outcome;
      if (outcome.kind === 'allowed') allowed.push(role);
    }
    return allowed;
  };
  if (mod.loader) row.get = await allowedOf('get');
  if (mod.action) {
    if (intents.length === 0) row.post = await allowedOf('post');
    else {
      const perIntent: Record<string, Role[]> = {};
      for (const intent of intents) perIntent[intent] = await allowedOf('post', intent);
      row.post = perIntent;
    }
  }
  return { row, outcomes };
}

function rowText(path: string, row: Awaited<ReturnType<typeof observe>>['row']) {
  const parts: string[] = [];
  if (row.get) parts.push(`get: ${describeSet(row.get)}`);
  if (Array.isArray(row.post)) parts.push(`post: ${describeSet(row.post)}`);
  else if (row.post)
    parts.push(
      `post: { ${Object.entries(row.post)
        .map(([intent, roles]) => `${/^\w+$/.test(intent) ? intent : `'${intent}'`}: ${describeSet(roles)}`)
        .join(', ')} }`,
    );
  return `  '${key(path)}': { ${parts.join(', ')} },`;
}

describe('authorization matrix', () => {
  it('lists every route of app/routes.ts', () => {
    const missing = routeList.filter((leaf) => !(key(leaf.path) in matrix));
    expect(
      missing.map((l) => l.path),
      `Routes missing from the matrix in tests/integration/authorization-matrix.test.ts: add a row per route ` +
        `(run this test to see the roles the route lets through now, check them, then paste), e.g.\n` +
        missing
          .map((l) => `  '${key(l.path)}': { get: [...roles], post: [...roles] | { intent: [...roles] } },`)
          .join('\n'),
    ).toEqual([]);
    const stale = Object.keys(matrix).filter((k) => !routeList.some((l) => key(l.path) === k));
    expect(stale, 'Rows for routes that no longer exist: remove them').toEqual([]);
  });

  for (const leaf of routeList) {
    it(`/${leaf.path}`, async () => {
      const mod = (await import(resolve('app', leaf.file))) as Module;
      const spec = matrix[key(leaf.path)];
      const intents = spec?.post && !Array.isArray(spec.post) ? Object.keys(spec.post) : [];
      const { row, outcomes } = await observe(leaf, mod, intents);
      const observed = rowText(leaf.path, row);
      if (!spec) {
        expect.fail(
          `/${leaf.path} is not in the matrix. Today it lets through (check, list its intents, then paste):\n${observed}`,
        );
      }
      const expected = rowText(leaf.path, {
        get: mod.loader ? ordered(spec.get ?? NOBODY) : undefined,
        post: !mod.action
          ? undefined
          : Array.isArray(spec.post) || !spec.post
            ? ordered(spec.post ?? NOBODY)
            : Object.fromEntries(Object.entries(spec.post).map(([intent, roles]) => [intent, ordered(roles)])),
      });
      const answers = Object.entries(outcomes)
        .map(([call, outcome]) => `${call} → ${outcome.detail}`)
        .join('\n');
      expect(observed, `/${leaf.path}: the roles let through differ from the matrix. Answers:\n${answers}`).toBe(
        expected,
      );
    });
  }
});
