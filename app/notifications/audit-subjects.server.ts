import { registerAuditSubjects } from '~/lib/audit.server';

// An email in the outbox is the platform's.
registerAuditSubjects({
  notification: null,
});
