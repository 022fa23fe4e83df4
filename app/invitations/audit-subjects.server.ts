import { registerAuditSubjects } from '~/lib/audit.server';

// An invitation belongs to the union it invites into (none for an organization's).
registerAuditSubjects({
  invitation: 'select union_id from invitations where id =',
});
