import { registerAuditSubjects } from '~/lib/audit.server';

// An organization works with many unions and belongs to none.
registerAuditSubjects({
  organization: null,
});
