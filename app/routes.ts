import { index, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('set-locale', 'routes/set-locale.ts'),

  // accounts
  route('signup', 'routes/signup.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.ts'),
  route('account', 'routes/account.tsx'),
  route('me', 'routes/me.tsx'),

  // platform administration
  route('admin/unions', 'routes/admin.unions.tsx'),
  route('admin/unions/:unionId', 'routes/admin.unions.$unionId.tsx'),

  // organizations
  route('orgs/:orgId', 'routes/orgs.$orgId.tsx'),

  // procurement
  route('tenders', 'routes/tenders._index.tsx'),
  route('tenders/new', 'routes/tenders.new.tsx'),
  route('tenders/:tenderId', 'routes/tenders.$tenderId.tsx'),
  route('tenders/:tenderId/edit', 'routes/tenders.$tenderId.edit.tsx'),
  route('tenders/:tenderId/manage', 'routes/tenders.$tenderId.manage.tsx'),
  route('tenders/:tenderId/evaluate', 'routes/tenders.$tenderId.evaluate.tsx'),
  route('tenders/:tenderId/attachments/:attachmentId', 'routes/tenders.$tenderId.attachments.$attachmentId.ts'),
  route('contracts/new', 'routes/contracts.new.tsx'),
  route('contracts/:contractId', 'routes/contracts.$contractId.tsx'),
  route('api/ocds/releases.json', 'routes/api.ocds.releases.ts'),
  route('api/ocds/tenders/:file', 'routes/api.ocds.tenders.$file.ts'),

  // delivery
  route('contracts/:contractId/events/new', 'routes/contracts.$contractId.events.new.tsx'),
  route('events/:eventId', 'routes/events.$eventId.tsx'),
  route('events/:eventId/present', 'routes/events.$eventId.present.tsx'),
  route('c/:eventId', 'routes/c.$eventId.tsx'),
  route('c/:eventId/rate', 'routes/c.$eventId.rate.tsx'),

  // incubation (issue 3)

  // catalog (issue 4)

  // evaluation and reports (issue 7)

  // payments (issue 8)

  // notifications (issue 9)

  // test support: answers 404 unless TEST_CLOCK=1
  route('__test/clock', 'routes/__test.clock.ts'),
] satisfies RouteConfig;
