import { registerAuditSubjects } from '~/lib/audit.server';

// Everything in an incubator belongs to the union that runs it.
registerAuditSubjects({
  incubator: 'select union_id from incubators where id =',
  application: `select i.union_id from incubation_applications a join incubators i on i.id = a.incubator_id
                where a.id =`,
  residency: 'select i.union_id from residencies r join incubators i on i.id = r.incubator_id where r.id =',
  room: 'select i.union_id from rooms r join incubators i on i.id = r.incubator_id where r.id =',
  meeting: 'select i.union_id from joint_meetings m join incubators i on i.id = m.incubator_id where m.id =',
  booking: `select i.union_id from room_bookings b join rooms r on r.id = b.room_id
            join incubators i on i.id = r.incubator_id where b.id =`,
  mentoring: `select i.union_id from mentoring_records m join residencies r on r.id = m.residency_id
              join incubators i on i.id = r.incubator_id where m.id =`,
  attachment: `select i.union_id from application_attachments x join incubation_applications a on a.id = x.application_id
               join incubators i on i.id = a.incubator_id where x.id =`,
});
