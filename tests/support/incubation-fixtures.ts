// Builders for incubation tests: real rows in the test file's own migrated database, and
// viewers obtained the way the app obtains them (a session cookie read by getViewer).
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema';
import { getViewer, type Viewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { createSession } from '~/accounts/session.server';
import { addDays, shanghaiDate } from '~/lib/time';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';

let sequence = 0;
const unique = () => `${process.pid}-${++sequence}`;

export function addUser(name = '测试用户') {
  return db
    .insert(s.users)
    .values({ email: `user-${unique()}@test.example`, name, passwordHash: 'not-a-hash' })
    .returning()
    .get().id;
}

export async function viewerFor(userId: number): Promise<Viewer> {
  const { token } = createSession(userId);
  const request = new Request('http://test.local/', { headers: { cookie: `session=${encodeURIComponent(token)}` } });
  return (await getViewer(request))!;
}

/** A union with an incubator, two rooms, and one person in each staff role that matters here. */
export function incubatorFixture() {
  const unionId = db
    .insert(s.unions)
    .values({ name: `测试县总工会 ${unique()}`, level: 'county' })
    .returning()
    .get().id;
  const incubatorId = db
    .insert(s.incubators)
    .values({ unionId, name: '测试孵化基地', host: '测试县职工服务中心' })
    .returning()
    .get().id;
  const roomId = db
    .insert(s.rooms)
    .values({ incubatorId, name: '培训教室', capacity: 40, opensAt: '09:00', closesAt: '18:00' })
    .returning()
    .get().id;
  const otherRoomId = db.insert(s.rooms).values({ incubatorId, name: '洽谈室', capacity: 10 }).returning().get().id;
  const staff = (role: UnionRole) => {
    const userId = addUser(role);
    db.insert(s.staffRoles).values({ unionId, userId, role }).run();
    return userId;
  };
  return {
    unionId,
    incubatorId,
    roomId,
    otherRoomId,
    managerId: staff('incubator_manager'),
    reviewerId: staff('reviewer'),
    commissionerId: staff('commissioner'),
  };
}

export function organizationFixture(values: Partial<typeof s.organizations.$inferInsert> = {}) {
  const ownerId = addUser('组织负责人');
  const organizationId = db
    .insert(s.organizations)
    .values({ name: `测试志愿服务队 ${unique()}`, type: 'grassroots', teamSize: 5, volunteers: 10, ...values })
    .returning()
    .get().id;
  db.insert(s.organizationMembers).values({ organizationId, userId: ownerId, role: 'owner' }).run();
  return { organizationId, ownerId };
}

/** An active residency that started `daysAgo` days ago, for two years. */
export function residencyFixture(incubatorId: number, organizationId: number, daysAgo = 200) {
  const startsOn = addDays(shanghaiDate(now()), -daysAgo);
  return db
    .insert(s.residencies)
    .values({ incubatorId, organizationId, startsOn, endsOn: addDays(startsOn, 730) })
    .returning()
    .get().id;
}

/** Tomorrow at `hour`:00 in Asia/Shanghai, plus `hours`. */
export function tomorrowAt(hour: number, hours = 1) {
  const day = addDays(shanghaiDate(now()), 1);
  const startsAt = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3600_000) };
}

export function stateOf(table: typeof s.incubationApplications | typeof s.residencies, id: number) {
  return db.select({ state: table.state }).from(table).where(eq(table.id, id)).get()?.state;
}
