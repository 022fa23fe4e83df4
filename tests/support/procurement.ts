// Real accounts, real sessions and the real clock for procurement tests: the demo county is
// seeded into the test file's own database, and viewers are read back exactly as a request would.
import { eq } from 'drizzle-orm';
import { organizationMembers, organizations, unions, users } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { getViewer, type Viewer } from '~/accounts/auth.server';
import { createSession } from '~/accounts/session.server';
import { now, setClockOffset } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import type { TenderForm } from '~/procurement/schemas';

process.env.TEST_CLOCK = '1';

export async function seedCounty() {
  await seedDemo();
}

export async function viewerFor(email: string): Promise<Viewer> {
  const user = db.select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no user ${email}`);
  const { token } = createSession(user.id);
  const viewer = await getViewer(new Request('http://test/', { headers: { cookie: `session=${token}` } }));
  return viewer!;
}

/** The organization owned by the demo account with this email. */
export function organizationOf(email: string) {
  const row = db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(organizationMembers, eq(organizationMembers.organizationId, organizations.id))
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(users.email, email))
    .get();
  if (!row) throw new Error(`no organization for ${email}`);
  return row;
}

let offsetMs = 0;
const hourMs = 3600_000;

/** Moves the server's clock forward by `hours`; `resetClock` puts it back. */
export function advanceHours(hours: number) {
  offsetMs += hours * hourMs;
  setClockOffset(offsetMs);
}

export function resetClock() {
  offsetMs = 0;
  setClockOffset(0);
}

export function hoursFromNow(hours: number) {
  return new Date(now().getTime() + hours * hourMs);
}

/** A valid tender form (as the schema produces it), due in two days unless overridden. */
export function tenderInput(overrides: Partial<TenderForm> = {}): TenderForm & { unionId: number } {
  return {
    unionId: db.select({ id: unions.id }).from(unions).where(eq(unions.name, '象山县总工会')).get()!.id,
    title: `职工心理关爱服务 ${Math.random().toString(36).slice(2, 8)}`,
    category: 'counselling',
    scope: '开展心理讲座与一对一疏导。',
    budget: 5_000_000,
    sessions: 10,
    minWorkerVisits: 300,
    periodStart: undefined,
    periodEnd: undefined,
    eligibility: 'anyone',
    minGrade: undefined,
    weightPrice: 30,
    weightPlan: 40,
    weightTeam: 20,
    weightTrackRecord: 10,
    questionDeadline: undefined,
    deadline: hoursFromNow(48),
    minBids: 1,
    objectionDays: 3,
    rationale: undefined,
    intent: 'publish',
    ...overrides,
  };
}
