import { index, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('healthz', 'routes/healthz.tsx'),
  route('set-locale', 'routes/set-locale.ts'),
  route('set-display', 'routes/set-display.ts'),
  route('locales/:lng', 'routes/locales.$lng.ts'),

  // accounts
  route('signup', 'routes/signup.tsx'),
  route('login', 'routes/login.tsx'),
  route('login/two-factor', 'routes/login.two-factor.tsx'),
  route('logout', 'routes/logout.ts'),
  route('account', 'routes/account.tsx'),
  route('me', 'routes/me.tsx'),

  // platform administration
  route('admin/unions', 'routes/admin.unions.tsx'),
  route('admin/unions/:unionId', 'routes/admin.unions.$unionId.tsx'),
  route('admin/two-factor', 'routes/admin.two-factor.tsx'),

  // invitations: a role or membership is granted only by accepting the emailed link
  route('invitations/:token', 'routes/invitations.$token.tsx'),
  route('unions/:unionId/invitations', 'routes/unions.$unionId.invitations.tsx'),

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
  route('contracts/:contractId', 'routes/contracts.$contractId.tsx'),
  route('api/ocds/releases.json', 'routes/api.ocds.releases.ts'),
  route('api/ocds/tenders/:file', 'routes/api.ocds.tenders.$file.ts'),

  // delivery
  route('contracts/:contractId/events/new', 'routes/contracts.$contractId.events.new.tsx'),
  route('events/:eventId', 'routes/events.$eventId.tsx'),
  route('events/:eventId/present', 'routes/events.$eventId.present.tsx'),
  route('c/:eventId', 'routes/c.$eventId.tsx'),
  route('c/:eventId/rate', 'routes/c.$eventId.rate.tsx'),
  route('events/:eventId/ratings', 'routes/events.$eventId.ratings.tsx'),
  route('events/:eventId/photos/:photoId', 'routes/events.$eventId.photos.$photoId.ts'),
  route('orgs/:orgId/events/new', 'routes/orgs.$orgId.events.new.tsx'),
  route('orgs/:orgId/calendar', 'routes/orgs.$orgId.calendar.tsx'),
  route('unions/:unionId/calendar', 'routes/unions.$unionId.calendar.tsx'),
  route('calendar-feeds/:feed', 'routes/calendar-feeds.$feed.ts'),

  // incubation: organization registration, applications, residencies, handbook
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

  // catalog
  route('catalog', 'routes/catalog._index.tsx'),
  route('catalog/:offeringId', 'routes/catalog.$offeringId.tsx'),
  route('catalog/:offeringId/photos/:photoId', 'routes/catalog.$offeringId.photos.$photoId.ts'),
  route('orgs/:orgId/offerings', 'routes/orgs.$orgId.offerings.tsx'),
  route('orgs/:orgId/offerings/new', 'routes/orgs.$orgId.offerings.new.tsx'),
  route('offerings/:offeringId/edit', 'routes/offerings.$offeringId.edit.tsx'),
  route('commissions', 'routes/commissions._index.tsx'),
  route('commissions/:commissionId', 'routes/commissions.$commissionId.tsx'),
  route('unions/:unionId/commissioning', 'routes/unions.$unionId.commissioning.tsx'),

  // evaluation and reports
  route('orgs/:orgId/evaluations', 'routes/orgs.$orgId.evaluations.tsx'),
  route('contracts/:contractId/evaluation', 'routes/contracts.$contractId.evaluation.tsx'),
  route('reports', 'routes/reports._index.tsx'),
  route('reports/annual', 'routes/reports.annual.tsx'),
  route('reports/export/:table', 'routes/reports.export.$table.ts'),

  // payments
  route('unions/:unionId/payments', 'routes/unions.$unionId.payments.tsx'),
  route('unions/:unionId/budgets', 'routes/unions.$unionId.budgets.tsx'),
  route('milestones/:milestoneId', 'routes/milestones.$milestoneId.tsx'),
  route('payments/:paymentId/voucher', 'routes/payments.$paymentId.voucher.ts'),
  route('orgs/:orgId/payments', 'routes/orgs.$orgId.payments.tsx'),
  route('webhooks/stripe', 'routes/webhooks.stripe.ts'),

  // notifications
  route('notifications', 'routes/notifications._index.tsx'),
  route('notifications/preferences', 'routes/notifications.preferences.tsx'),
  route('notifications/:notificationId', 'routes/notifications.$notificationId.ts'),
  route('unsubscribe/:token', 'routes/unsubscribe.$token.tsx'),
  route('verify-email', 'routes/verify-email.tsx'),
  route('forgot-password', 'routes/forgot-password.tsx'),
  route('reset-password', 'routes/reset-password.tsx'),
  route('admin/outbox', 'routes/admin.outbox.tsx'),
  route('admin/outbox/:notificationId', 'routes/admin.outbox.$notificationId.tsx'),

  // risk: red flags on purchases (docs/decisions/115)
  route('unions/:unionId/risk', 'routes/unions.$unionId.risk.tsx'),
  route('unions/:unionId/risk/export', 'routes/unions.$unionId.risk.export.ts'),
  route('risk/:flagId', 'routes/risk.$flagId.tsx'),

  // audit trail: union admins see their union's rows, platform admins everyone's
  route('unions/:unionId/audit', 'routes/audit.tsx'),
  route('admin/audit', 'routes/audit.tsx', { id: 'admin-audit' }),

  // test support: answers 404 unless TEST_CLOCK=1
  route('__test/clock', 'routes/__test.clock.ts'),
] satisfies RouteConfig;
