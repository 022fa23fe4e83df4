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
  route('tenders/:tenderId/evaluate', 'routes/tenders.$tenderId.evaluate.tsx'),
  route('contracts/:contractId', 'routes/contracts.$contractId.tsx'),

  // delivery
  route('contracts/:contractId/events/new', 'routes/contracts.$contractId.events.new.tsx'),
  route('events/:eventId', 'routes/events.$eventId.tsx'),
  route('events/:eventId/present', 'routes/events.$eventId.present.tsx'),
  route('c/:eventId', 'routes/c.$eventId.tsx'),
  route('c/:eventId/rate', 'routes/c.$eventId.rate.tsx'),

  // incubation (issue 3): organization registration, applications, residencies, handbook
  route('orgs/new', 'routes/orgs.new.tsx'),
  route('orgs/:orgId/edit', 'routes/orgs.$orgId.edit.tsx'),
  route('incubators', 'routes/incubators._index.tsx'),
  route('incubators/:incubatorId', 'routes/incubators.$incubatorId.tsx'),
  route('incubators/:incubatorId/handbook', 'routes/incubators.$incubatorId.handbook.tsx'),
  route('incubators/:incubatorId/manage', 'routes/incubators.$incubatorId.manage.tsx'),
  route('incubators/:incubatorId/settings', 'routes/incubators.$incubatorId.settings.tsx'),
  route('incubators/:incubatorId/meetings', 'routes/incubators.$incubatorId.meetings.tsx'),
  route('incubators/:incubatorId/meetings/:meetingId', 'routes/incubators.$incubatorId.meetings.$meetingId.tsx'),
  route('applications/:applicationId', 'routes/applications.$applicationId.tsx'),
  route(
    'applications/:applicationId/attachments/:attachmentId',
    'routes/applications.$applicationId.attachments.$attachmentId.ts',
  ),
  route('residencies/:residencyId', 'routes/residencies.$residencyId.tsx'),
  route(
    'residencies/:residencyId/evaluations/:evaluationId',
    'routes/residencies.$residencyId.evaluations.$evaluationId.tsx',
  ),

  // catalog (issue 4)

  // evaluation and reports (issue 7)

  // payments (issue 8)

  // notifications (issue 9)

  // test support: answers 404 unless TEST_CLOCK=1
  route('__test/clock', 'routes/__test.clock.ts'),
] satisfies RouteConfig;
