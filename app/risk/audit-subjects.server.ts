import { registerAuditSubjects } from '~/lib/audit.server';

// A red flag belongs to the union whose purchase it is about.
registerAuditSubjects({ risk_flag: 'select union_id from risk_flags where id =' });
