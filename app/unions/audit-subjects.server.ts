import { registerAuditSubjects } from '~/lib/audit.server';

// A union is its own; a department belongs to its union.
registerAuditSubjects({
  union: 'select id from unions where id =',
  department: 'select union_id from departments where id =',
});
