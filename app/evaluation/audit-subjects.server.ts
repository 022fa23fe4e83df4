import { registerAuditSubjects } from '~/lib/audit.server';

// Evaluations and complaints belong to their contract's union, or their incubator's.
registerAuditSubjects({
  evaluation: `select coalesce(c.union_id, i.union_id) from evaluations x left join contracts c on c.id = x.contract_id
               left join incubators i on i.id = x.incubator_id where x.id =`,
  complaint: 'select c.union_id from complaints x join contracts c on c.id = x.contract_id where x.id =',
});
