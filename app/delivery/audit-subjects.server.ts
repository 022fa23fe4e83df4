import { registerAuditSubjects } from '~/lib/audit.server';

// Events, check-ins and ratings belong to the union of their contract or of the residency's incubator.
registerAuditSubjects({
  event: `select coalesce(c.union_id, i.union_id) from events e left join contracts c on c.id = e.contract_id
          left join residencies r on r.id = e.residency_id left join incubators i on i.id = r.incubator_id
          where e.id =`,
  checkin: `select coalesce(c.union_id, i.union_id) from checkins x join events e on e.id = x.event_id
            left join contracts c on c.id = e.contract_id left join residencies r on r.id = e.residency_id
            left join incubators i on i.id = r.incubator_id where x.id =`,
  rating: `select coalesce(c.union_id, i.union_id) from ratings x join events e on e.id = x.event_id
           left join contracts c on c.id = e.contract_id left join residencies r on r.id = e.residency_id
           left join incubators i on i.id = r.incubator_id where x.id =`,
});
