import { registerAuditSubjects } from '~/lib/audit.server';

// A commission belongs to the union that commissions; an offering is the organization's, in no union.
registerAuditSubjects({
  commission: 'select union_id from commissions where id =',
  offering: null,
});
