import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema';
import { getViewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { createSession } from '~/accounts/session.server';
import { db } from '~/lib/db.server';
import { budgetYear } from '~/payments/ledger.server';
import { now } from '~/lib/clock.server';
import { confirmContract } from '~/procurement/contracts.server';
import { createStandardMilestones } from '~/payments/milestone-plan.server';

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence += 1)}`;

export function makeUser(name = 'user') {
  return db
    .insert(s.users)
    .values({ email: `${name}-${unique()}@example.test`, name, passwordHash: 'not-a-hash' })
    .returning()
    .get().id;
}

/** The viewer as the app builds it for a signed-in request. */
export async function viewerOf(userId: number) {
  const { token } = createSession(userId);
  const viewer = await getViewer(new Request('http://localhost/', { headers: { cookie: `session=${token}` } }));
  if (!viewer) throw new Error('no viewer');
  return viewer;
}

/** A union with one department whose budget for the current year is `budgetFen` (none if null). */
export function makeUnion(budgetFen: number | null = 100_000_00) {
  const unionId = db
    .insert(s.unions)
    .values({ name: `工会 ${unique()}`, level: 'county' })
    .returning()
    .get().id;
  const departmentId = db.insert(s.departments).values({ unionId, name: '宣传教育部' }).returning().get().id;
  if (budgetFen !== null)
    db.insert(s.budgets)
      .values({ departmentId, year: budgetYear(now()), amountFen: budgetFen })
      .run();
  return { unionId, departmentId };
}

export function grantRole(unionId: number, userId: number, role: UnionRole, departmentId: number | null = null) {
  db.insert(s.staffRoles).values({ unionId, userId, role, departmentId }).run();
}

export function makeOrganization(ownerId: number, memberId?: number) {
  const organizationId = db
    .insert(s.organizations)
    .values({ name: `社会组织 ${unique()}`, type: 'grassroots' })
    .returning()
    .get().id;
  db.insert(s.organizationMembers).values({ organizationId, userId: ownerId, role: 'owner' }).run();
  if (memberId) db.insert(s.organizationMembers).values({ organizationId, userId: memberId, role: 'member' }).run();
  return organizationId;
}

/** A contract awaiting the organization's signature, with the standard 30% / 70% milestones. */
export function makeContract(input: {
  unionId: number;
  departmentId: number | null;
  organizationId: number;
  amountFen: number;
  sessions?: number;
}) {
  const contract = db
    .insert(s.contracts)
    .values({
      unionId: input.unionId,
      departmentId: input.departmentId,
      organizationId: input.organizationId,
      title: `职工心理关爱服务 ${unique()}`,
      category: 'counselling',
      amountFen: input.amountFen,
      sessions: input.sessions ?? 2,
      state: 'pending',
    })
    .returning()
    .get();
  db.transaction((tx) =>
    createStandardMilestones(tx as unknown as typeof db, contract.id, input.amountFen, contract.sessions),
  );
  return contract.id;
}

export function milestonesOf(contractId: number) {
  return db.select().from(s.milestones).where(eq(s.milestones.contractId, contractId)).orderBy(s.milestones.id).all();
}

export function ledgerOf(contractId: number) {
  return db
    .select()
    .from(s.ledgerEntries)
    .where(eq(s.ledgerEntries.contractId, contractId))
    .orderBy(s.ledgerEntries.id)
    .all();
}

/**
 * A reported completion of one session under the contract, for the union to accept: scheduled a
 * week ahead and shown by a worker's SMS-verified check-in.
 */
export function makeReportedEvent(contractId: number) {
  const contract = db.select().from(s.contracts).where(eq(s.contracts.id, contractId)).get()!;
  const startsAt = new Date(now().getTime() - 3 * 3600_000);
  const eventId = db
    .insert(s.events)
    .values({
      organizationId: contract.organizationId,
      contractId,
      title: `驿站讲座 ${unique()}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      venueType: 'station',
      capacity: 40,
      checkinSecret: randomBytes(32).toString('hex'),
      state: 'reported',
      reportSummary: '顺利开展。',
      reportedAt: now(),
      createdAt: new Date(startsAt.getTime() - 7 * 24 * 3600_000),
    })
    .returning()
    .get().id;
  db.insert(s.checkins).values({ eventId, deviceHash: unique(), verification: 'sms' }).run();
  return eventId;
}

/**
 * The usual cast: a union with finance and commissioner staff, an organization with an owner and
 * a member, and a signed contract whose signing milestone is due.
 */
export async function signedContract(options: { amountFen?: number; budgetFen?: number; sessions?: number } = {}) {
  const { unionId, departmentId } = makeUnion(options.budgetFen ?? 1_000_000_00);
  const financeId = makeUser('finance');
  const commissionerId = makeUser('commissioner');
  const ownerId = makeUser('owner');
  const memberId = makeUser('member');
  grantRole(unionId, financeId, 'finance');
  grantRole(unionId, commissionerId, 'commissioner', departmentId);
  const organizationId = makeOrganization(ownerId, memberId);
  const contractId = makeContract({
    unionId,
    departmentId,
    organizationId,
    amountFen: options.amountFen ?? 40_000_00,
    sessions: options.sessions,
  });
  const owner = await viewerOf(ownerId);
  confirmContract(owner, contractId);
  return {
    unionId,
    departmentId,
    organizationId,
    contractId,
    ids: { financeId, commissionerId, ownerId, memberId },
    finance: await viewerOf(financeId),
    commissioner: await viewerOf(commissionerId),
    owner: await viewerOf(ownerId),
    member: await viewerOf(memberId),
  };
}
