import { registerAuditSubjects } from '~/lib/audit.server';

// A contract's milestones and their payments belong to the contract's union.
registerAuditSubjects({
  milestone: 'select c.union_id from milestones m join contracts c on c.id = m.contract_id where m.id =',
  payment: `select c.union_id from payments p join milestones m on m.id = p.milestone_id
            join contracts c on c.id = m.contract_id where p.id =`,
});
