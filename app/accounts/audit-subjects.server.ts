import { registerAuditSubjects } from '~/lib/audit.server';

// A person's account is the platform's, in no union.
registerAuditSubjects({
  user: null,
});
