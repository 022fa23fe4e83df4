import { registerAuditSubjects } from '~/lib/audit.server';

// Tenders, bids, objections and contracts belong to the union that buys.
registerAuditSubjects({
  tender: 'select union_id from tenders where id =',
  contract: 'select union_id from contracts where id =',
  bid: 'select t.union_id from bids b join tenders t on t.id = b.tender_id where b.id =',
  objection: 'select t.union_id from objections o join tenders t on t.id = o.tender_id where o.id =',
});
