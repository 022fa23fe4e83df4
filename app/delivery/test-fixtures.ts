// Test fixtures for delivery's Vitest files: real rows in the per-file test database.
import { createHash, randomBytes } from 'node:crypto';
import * as s from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { checkIn, checkinCode, issueTicket, newDeviceId } from './checkin.server';
import type { Phone } from './device.server';
import type { ContractState } from '~/procurement/machine';
import type { ResidencyState } from '~/incubation/machine';
import { requireEvent } from './events.server';
import { phoneHash, workerForPhone } from './workers.server';
import type { UnionRole } from '~/accounts/roles';
import { getViewer } from '~/accounts/auth.server';
import { createSession } from '~/accounts/session.server';
import { now } from '~/lib/clock.server';
import { db, transaction } from '~/lib/db.server';

let sequence = 0;

export function createUser(name = 'user') {
  sequence += 1;
  return db
    .insert(s.users)
    .values({ email: `${name}-${sequence}-${randomBytes(3).toString('hex')}@test.example`, name, passwordHash: 'x' })
    .returning()
    .get().id;
}

/** The viewer exactly as a request with a session cookie would produce it. */
export async function viewerFor(userId: number) {
  const { token } = createSession(userId);
  const request = new Request('http://test.example/', { headers: { cookie: `session=${token}` } });
  return (await getViewer(request))!;
}

export function createUnion(name = '测试县总工会') {
  return db.insert(s.unions).values({ name, level: 'county' }).returning().get().id;
}

export function grantRole(unionId: number, role: UnionRole) {
  const userId = createUser(role);
  db.insert(s.staffRoles).values({ unionId, userId, role }).run();
  return userId;
}

export function createOrganization(name = '测试社工服务中心') {
  const organizationId = db.insert(s.organizations).values({ name, type: 'grassroots' }).returning().get().id;
  const ownerId = createUser('owner');
  db.insert(s.organizationMembers).values({ organizationId, userId: ownerId, role: 'owner' }).run();
  return { organizationId, ownerId };
}

export function createContract(unionId: number, organizationId: number, state: ContractState = 'active') {
  return db
    .insert(s.contracts)
    .values({
      unionId,
      organizationId,
      title: '职工心理关爱服务',
      category: 'counselling',
      amountFen: 4_000_000,
      sessions: 4,
      state,
    })
    .returning()
    .get().id;
}

export function createResidency(unionId: number, organizationId: number, state: ResidencyState = 'active') {
  const incubatorId = db
    .insert(s.incubators)
    .values({ unionId, name: '测试孵化基地', host: '职工服务中心' })
    .returning()
    .get().id;
  return db
    .insert(s.residencies)
    .values({ incubatorId, organizationId, startsOn: '2026-01-01', endsOn: '2027-12-31', state })
    .returning()
    .get().id;
}

/** An event row as scheduling would write it, a week before it starts; `owner` says whose it is. */
export function createEvent(
  owner: { organizationId: number; contractId?: number; residencyId?: number },
  startsAt: Date,
  values: Partial<typeof s.events.$inferInsert> = {},
) {
  return db
    .insert(s.events)
    .values({
      ...owner,
      title: '驿站心理讲座',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      venueType: 'station',
      address: '丹东街道爱心驿站',
      capacity: 50,
      checkinSecret: randomBytes(32).toString('hex'),
      createdAt: new Date(startsAt.getTime() - 7 * 24 * 3600_000),
      ...values,
    })
    .returning()
    .get().id;
}

/** The demo county, seeded, with an event of one of its contracts under way and room for a crowd. */
export async function demoEventUnderWay(title: string) {
  await seedDemo();
  const contract = db.select().from(s.contracts).limit(1).get()!;
  const startsAt = new Date(Date.now() - 60_000);
  const eventId = createEvent({ organizationId: contract.organizationId, contractId: contract.id }, startsAt, {
    title,
    endsAt: new Date(Date.now() + 3600_000),
    venueType: 'community',
    capacity: 1000,
  });
  return requireEvent(eventId);
}

/** A worker whose number an SMS code confirmed: the phone as its credential cookie presents it. */
export function verifiedPhone(phone = `139${String(++sequence).padStart(8, '0')}`): Phone {
  return { workerId: transaction((tx) => workerForPhone(tx, phoneHash(phone))), deviceId: null };
}

/**
 * A worker scanning the current code and checking in; returns the phone. 'sms': a verified worker;
 * 'code': a phone with no confirmed number, stored as a check-in made while the union counted the
 * screen's code alone (or before phones confirmed numbers), whatever the union's standard is now.
 */
export function checkInWorker(
  eventId: number,
  networkHash: string | null = null,
  verification: 'sms' | 'code' = 'sms',
): Phone {
  if (verification === 'code') {
    const deviceId = newDeviceId();
    const deviceHash = createHash('sha256').update(deviceId).digest('hex');
    db.insert(s.checkins).values({ eventId, verification, deviceHash, networkHash, createdAt: now() }).run();
    return { workerId: null, deviceId };
  }
  const event = requireEvent(eventId);
  const phone = verifiedPhone();
  checkIn(eventId, phone, { ticket: issueTicket(event, checkinCode(event)) }, networkHash);
  return phone;
}

/** A union, an organization with an active contract and an active residency, and their people. */
export async function deliveryWorld() {
  const unionId = createUnion();
  const { organizationId, ownerId } = createOrganization();
  const contractId = createContract(unionId, organizationId);
  const residencyId = createResidency(unionId, organizationId);
  const commissionerId = grantRole(unionId, 'commissioner');
  return {
    unionId,
    organizationId,
    contractId,
    residencyId,
    owner: await viewerFor(ownerId),
    commissioner: await viewerFor(commissionerId),
    reviewer: await viewerFor(grantRole(unionId, 'reviewer')),
    incubatorManager: await viewerFor(grantRole(unionId, 'incubator_manager')),
    leadership: await viewerFor(grantRole(unionId, 'leadership')),
  };
}
