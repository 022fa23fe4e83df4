/**
 * Seeds the demo county on an empty database (no users yet): 象山县总工会 with its departments,
 * staff, incubator and a dozen organizations from the seed reports, tenders in every state,
 * contracts and past events with check-ins and ratings. Run by `npm start`; safe to run twice.
 */
import { randomBytes, createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import * as demo from './demo-data';
import * as s from './schema';
import { hashPassword } from '../app/accounts/password.server';
import { db, transaction, type DB } from '../app/lib/db.server';
import { shanghaiDate, shanghaiIso } from '../app/lib/time';
import { sealBid } from '../app/procurement/seal.server';
import { createStandardMilestones } from '../app/payments/milestone-plan.server';
import { recordContractEvaluation } from '../app/evaluation/evaluations.server';
import { defaultWeights } from '../app/procurement/machine';
import { occupations } from '../app/delivery/machine';
import { phoneHash, workerForPhone } from '../app/delivery/workers.server';
import { recomputeUnion } from '../app/risk/recompute.server';

export const demoPassword = 'gonghui-demo-2026';
const dayMs = 24 * 3600_000;

/** 14:00 Asia/Shanghai on the day `offset` days from today. */
function dayAt(offset: number, hour = 14) {
  const today = shanghaiIso(shanghaiDate(Date.now()), `${String(hour).padStart(2, '0')}:00:00`);
  return new Date(new Date(today).getTime() + offset * dayMs);
}

const isoDay = (offset: number) => shanghaiDate(dayAt(offset));

export async function seedDemo(database: DB = db) {
  const existing = database.get<{ n: number }>(sql`select count(*) as n from users`)!;
  if (existing.n > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  transaction((tx) => seedInto(tx, passwordHash));
  return true;
}

function seedInto(tx: DB, passwordHash: string) {
  const unionIds = new Map<string, number>();
  for (const u of demo.unions) {
    const row = tx
      .insert(s.unions)
      .values({
        name: u.name,
        level: u.level,
        regionCode: u.regionCode,
        parentId: u.parentKey ? unionIds.get(u.parentKey)! : null,
      })
      .returning()
      .get();
    unionIds.set(u.key, row.id);
  }
  const departmentIds = new Map<string, number>();
  const year = dayAt(0).getFullYear();
  for (const d of demo.departments) {
    const row = tx
      .insert(s.departments)
      .values({ unionId: unionIds.get(d.unionKey)!, name: d.name })
      .returning()
      .get();
    departmentIds.set(d.key, row.id);
    tx.insert(s.budgets).values({ departmentId: row.id, year, amountFen: d.annualBudgetFen }).run();
  }

  const userIds = new Map<string, number>();
  const addUser = (email: string, name: string, isPlatformAdmin = false) => {
    const row = tx
      .insert(s.users)
      .values({ email, name, passwordHash, isPlatformAdmin, emailVerifiedAt: new Date() })
      .returning()
      .get();
    userIds.set(email, row.id);
    return row.id;
  };
  for (const account of demo.staffAccounts) {
    const userId = addUser(account.email, account.name, account.roles.includes('platform_admin'));
    for (const role of account.roles) {
      if (role === 'platform_admin') continue;
      tx.insert(s.staffRoles)
        .values({
          unionId: unionIds.get(account.unionKey!)!,
          userId,
          role,
          departmentId: account.departmentKey ? departmentIds.get(account.departmentKey)! : null,
        })
        .run();
    }
  }

  const invited = demo.pendingStaffInvitation;
  tx.insert(s.invitations)
    .values({
      unionId: unionIds.get(invited.unionKey)!,
      departmentId: departmentIds.get(invited.departmentKey)!,
      role: invited.role,
      email: invited.email,
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: dayAt(6),
      invitedBy: userIds.get(invited.inviterEmail)!,
      sentAt: dayAt(-1),
    })
    .run();

  const inc = demo.incubator;
  const incubatorId = tx
    .insert(s.incubators)
    .values({ unionId: unionIds.get(inc.unionKey)!, name: inc.name, host: '象山县职工服务中心', address: inc.address })
    .returning()
    .get().id;
  for (const room of inc.rooms)
    tx.insert(s.rooms).values({ incubatorId, name: room.name, capacity: room.capacity }).run();

  const orgIds = new Map<string, number>();
  for (const o of demo.organizations) {
    const row = tx
      .insert(s.organizations)
      .values({
        name: o.name,
        type: o.type,
        creditCode: o.creditCode,
        fields: o.fields,
        description: o.description,
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        contactEmail: o.ownerEmail,
        teamSize: o.teamSize,
        volunteers: o.volunteers,
        foundedOn: o.foundedOn,
      })
      .returning()
      .get();
    orgIds.set(o.key, row.id);
    tx.insert(s.organizationMembers)
      .values({ organizationId: row.id, userId: addUser(o.ownerEmail, o.contactName), role: 'owner' })
      .run();
    if (o.incubatorResident) {
      tx.insert(s.residencies)
        .values({ incubatorId, organizationId: row.id, startsOn: isoDay(-300), endsOn: isoDay(430) })
        .run();
    }
  }

  seedIncubation(tx, incubatorId, orgIds);

  for (const offering of demo.offerings) {
    tx.insert(s.offerings)
      .values({
        organizationId: orgIds.get(offering.orgKey)!,
        title: offering.title,
        category: offering.category,
        description: offering.description,
        format: offering.format,
        durationMinutes: offering.durationMinutes,
        capacity: offering.capacity,
        priceFen: offering.priceFen,
        areas: offering.areas,
        state: 'published',
        createdAt: dayAt(offering.publishedDay - 1, 16),
        publishedAt: dayAt(offering.publishedDay, 10),
      })
      .run();
  }

  const commissionerId = userIds.get('commissioner@demo.gonghui.cn')!;
  const reviewerId = userIds.get('reviewer@demo.gonghui.cn')!;
  const contractIds = new Map<string, number>();
  for (const t of demo.tenders) {
    // The demo's "awarded" tender is shown inside its objection period (公示).
    const state = t.state === 'awarded' ? 'award_proposed' : t.state;
    const tender = tx
      .insert(s.tenders)
      .values({
        unionId: unionIds.get(demo.DEMO_COUNTY_UNION_KEY)!,
        departmentId: departmentIds.get(t.departmentKey)!,
        createdBy: commissionerId,
        title: t.title,
        category: t.category,
        scope: t.scope,
        sessions: t.sessions,
        minWorkerVisits: t.minWorkerVisits,
        budgetFen: t.budgetFen,
        periodStart: isoDay(t.serviceStartDay),
        periodEnd: isoDay(t.serviceEndDay),
        eligibility: t.residentsOnly ? 'residents' : 'anyone',
        weights: defaultWeights,
        deadlineAt: dayAt(t.deadlineDay, 17),
        // The demo's unsuccessful tender failed for want of three valid bids.
        minBids: t.state === 'unsuccessful' ? 3 : 1,
        state,
        cancelReason: t.state === 'cancelled' ? (t.endReason ?? null) : null,
        publishedAt: t.publishedDay === null ? null : dayAt(t.publishedDay, 9),
      })
      .returning()
      .get();
    if (t.earlierDeadline)
      tx.insert(s.tenderAmendments)
        .values({
          tenderId: tender.id,
          rationale: t.earlierDeadline.rationale,
          changes: {
            deadlineAt: {
              from: dayAt(t.earlierDeadline.fromDay, 17).toISOString(),
              to: tender.deadlineAt.toISOString(),
            },
          },
          deadlineBefore: dayAt(t.earlierDeadline.fromDay, 17),
          deadlineAfter: tender.deadlineAt,
          createdBy: commissionerId,
          createdAt: dayAt(t.deadlineDay - 8, 11),
        })
        .run();
    // The commissioner who creates a tender sits on its panel; past tenders had the reviewer too.
    const reviewerIds = t.publishedDay !== null && t.deadlineDay < 0 ? [commissionerId, reviewerId] : [commissionerId];
    for (const userId of reviewerIds)
      tx.insert(s.tenderReviewers)
        .values({
          tenderId: tender.id,
          userId,
          assignedBy: commissionerId,
          conflictOrganizationIds: t.award ? [] : null,
          declaredAt: t.award ? dayAt(t.deadlineDay + 1, 10) : null,
        })
        .run();
    for (const bid of t.bids) {
      const organizationId = orgIds.get(bid.orgKey)!;
      const content = { priceFen: bid.priceFen, plan: bid.plan, team: '' };
      const row = tx
        .insert(s.bids)
        .values({
          tenderId: tender.id,
          organizationId,
          sealed: sealBid(tender.id, organizationId, content),
          state: 'submitted',
          submittedAt:
            bid.minutesBeforeDeadline === undefined
              ? dayAt(t.deadlineDay - 2, 10)
              : new Date(dayAt(t.deadlineDay, 17).getTime() - bid.minutesBeforeDeadline * 60_000),
          submittedBy: userIds.get(demo.organizations.find((o) => o.key === bid.orgKey)!.ownerEmail)!,
        })
        .returning()
        .get();
      if (t.award)
        seedScores(tx, row.id, reviewerIds, bid.rejected ? 'rejected' : bid.orgKey === t.award.orgKey, t.outlierScore);
      if (t.award?.orgKey === bid.orgKey) {
        const awardProposedAt = dayAt(t.state === 'awarded' ? -1 : t.deadlineDay + 5, 9);
        tx.update(s.tenders)
          .set({
            awardedBidId: row.id,
            awardProposedAt,
            objectionEndsAt: new Date(awardProposedAt.getTime() + 5 * dayMs),
            awardedAt: t.state === 'contracted' ? dayAt(t.deadlineDay + 10, 9) : null,
          })
          .where(sql`id = ${tender.id}`)
          .run();
        if (t.state === 'contracted')
          contractIds.set(t.key, createContract(tx, tender, row.id, organizationId, t.award.priceFen, t));
      }
    }
  }

  for (const e of demo.events) seedEvent(tx, e, contractIds.get(e.tenderKey)!);

  seedTownshipPurchases(tx, unionIds, orgIds, addUser);
  seedCommissions(tx, unionIds.get(demo.DEMO_COUNTY_UNION_KEY)!, departmentIds, orgIds, commissionerId);
  // Each contract gets the evaluation its latest accepted session would have written.
  for (const contract of tx.select({ id: s.contracts.id }).from(s.contracts).all())
    recordContractEvaluation(tx, contract.id, 'acceptance');
  // The red flags the data above raises, as the commands that wrote it would have (decision 115).
  for (const unionId of unionIds.values()) recomputeUnion(tx, unionId);
}

/** Direct commissions the county requested, not yet answered by the organization. */
function seedCommissions(
  tx: DB,
  unionId: number,
  departmentIds: Map<string, number>,
  orgIds: Map<string, number>,
  requestedBy: number,
) {
  for (const c of demo.commissions) {
    const offering = demo.offerings.find((o) => o.key === c.offeringKey)!;
    const organizationId = orgIds.get(offering.orgKey)!;
    const offeringRow = tx
      .select({ id: s.offerings.id })
      .from(s.offerings)
      .where(sql`organization_id = ${organizationId} and title = ${offering.title}`)
      .get()!;
    tx.insert(s.commissions)
      .values({
        offeringId: offeringRow.id,
        organizationId,
        unionId,
        departmentId: departmentIds.get(c.departmentKey)!,
        requestedBy,
        sessions: c.sessions,
        priceFen: offering.priceFen,
        amountFen: offering.priceFen * c.sessions,
        periodStart: isoDay(c.serviceStartDay),
        periodEnd: isoDay(c.serviceEndDay),
        note: c.note,
        createdAt: dayAt(c.requestedDay, 10),
      })
      .run();
  }
}

/** Townships' direct commissions, so that the county's dashboard rolls up more than itself. */
function seedTownshipPurchases(
  tx: DB,
  unionIds: Map<string, number>,
  orgIds: Map<string, number>,
  addUser: (email: string, name: string) => number,
) {
  for (const account of demo.townshipStaffAccounts) {
    const userId = addUser(account.email, account.name);
    for (const role of account.roles)
      tx.insert(s.staffRoles)
        .values({ unionId: unionIds.get(account.unionKey!)!, userId, role })
        .run();
  }
  for (const c of demo.townshipContracts) {
    const offering = demo.offerings.find((o) => o.key === c.offeringKey)!;
    const organizationId = orgIds.get(offering.orgKey)!;
    const offeringRow = tx
      .select({ id: s.offerings.id })
      .from(s.offerings)
      .where(sql`organization_id = ${organizationId} and title = ${offering.title}`)
      .get()!;
    const amountFen = offering.priceFen * c.sessions;
    const signedAt = dayAt(c.signedDay, 10);
    const contract = tx
      .insert(s.contracts)
      .values({
        unionId: unionIds.get(c.unionKey)!,
        organizationId,
        offeringId: offeringRow.id,
        title: offering.title,
        category: offering.category,
        amountFen,
        sessions: c.sessions,
        minWorkerVisits: c.minWorkerVisits,
        periodStart: isoDay(c.signedDay),
        periodEnd: isoDay(c.serviceEndDay),
        state: 'active',
        signedAt,
      })
      .returning()
      .get();
    createStandardMilestones(tx, contract.id, amountFen, c.sessions);
    tx.insert(s.ledgerEntries)
      .values({ contractId: contract.id, kind: 'committed', amountFen, createdAt: signedAt })
      .run();
    const signing = tx
      .select()
      .from(s.milestones)
      .where(sql`contract_id = ${contract.id} and condition = 'signing'`)
      .get()!;
    tx.update(s.milestones)
      .set({ state: c.signingPaid ? 'paid' : 'due', dueAt: signedAt })
      .where(sql`id = ${signing.id}`)
      .run();
    if (c.signingPaid) {
      const paidAt = dayAt(c.signedDay + 7, 10);
      const payment = tx
        .insert(s.payments)
        .values({
          milestoneId: signing.id,
          method: 'bank_transfer',
          amountFen: signing.amountFen,
          reference: `XS${isoDay(c.signedDay + 7).replaceAll('-', '')}-${contract.id}`,
          paidOn: isoDay(c.signedDay + 7),
          createdAt: paidAt,
        })
        .returning()
        .get();
      for (const kind of ['approved', 'paid'] as const)
        tx.insert(s.ledgerEntries)
          .values({
            contractId: contract.id,
            milestoneId: signing.id,
            paymentId: payment.id,
            kind,
            amountFen: signing.amountFen,
            createdAt: paidAt,
          })
          .run();
    }
    for (const e of c.events) seedEvent(tx, { ...e, tenderKey: c.key }, contract.id);
  }
}

/** The incubator at work: a joint meeting held, guidance given to a resident, an application waiting. */
function seedIncubation(tx: DB, incubatorId: number, orgIds: Map<string, number>) {
  const residents = demo.organizations.filter((o) => o.incubatorResident).map((o) => orgIds.get(o.key)!);
  tx.insert(s.jointMeetings)
    .values({
      incubatorId,
      heldAt: dayAt(-20, 15),
      agenda: '一、通报上季度服务项目开展情况；二、交流服务新就业形态劳动者的经验；三、商议暑期托管项目的分工。',
      minutes:
        '各入驻组织通报了上季度服务情况。心理咨询师协会介绍了在户外劳动者驿站开展一对一疏导的做法。会议商定暑期托管项目由青少年服务中心牵头，志愿者服务队协助。',
      attendeeOrganizationIds: residents,
    })
    .run();
  const psych = tx
    .select({ id: s.residencies.id })
    .from(s.residencies)
    .where(sql`organization_id = ${orgIds.get('psych')!}`)
    .get()!;
  tx.insert(s.mentoringRecords)
    .values({
      residencyId: psych.id,
      heldOn: isoDay(-15),
      mentor: '县社会组织服务中心 陈老师',
      topic: '服务项目申报与预算编制',
      followUps: '完善项目预算表，建立服务台账',
      followUpDoneAt: dayAt(-5),
    })
    .run();
  tx.insert(s.incubationApplications)
    .values({
      incubatorId,
      organizationId: orgIds.get('rescue')!,
      plan: '入驻后每季度为快递、外卖骑手和一线职工开展防溺水、心肺复苏等应急救护培训，并借用培训教室开展救援队员技能复训。',
      state: 'submitted',
      submittedAt: dayAt(-3, 10),
    })
    .run();
}

function createContract(
  tx: DB,
  tender: typeof s.tenders.$inferSelect,
  bidId: number,
  organizationId: number,
  amountFen: number,
  t: demo.DemoTender,
) {
  const { deadlineDay } = t;
  const contract = tx
    .insert(s.contracts)
    .values({
      unionId: tender.unionId,
      departmentId: tender.departmentId,
      organizationId,
      tenderId: tender.id,
      bidId,
      title: tender.title,
      category: tender.category,
      amountFen,
      sessions: tender.sessions,
      minWorkerVisits: tender.minWorkerVisits,
      periodStart: tender.periodStart,
      periodEnd: tender.periodEnd,
      state: 'active',
      issuedAt: dayAt(deadlineDay + 10, 10),
      signedAt: dayAt(deadlineDay + 12, 10),
    })
    .returning()
    .get();
  createStandardMilestones(tx, contract.id, amountFen, tender.sessions);
  tx.update(s.milestones)
    .set({ state: 'due', dueAt: contract.signedAt })
    .where(sql`contract_id = ${contract.id} and condition = 'signing'`)
    .run();
  tx.insert(s.ledgerEntries).values({ contractId: contract.id, kind: 'committed', amountFen }).run();
  if (t.extension) {
    const periodEnd = isoDay(t.serviceEndDay + t.extension.days);
    tx.update(s.contracts)
      .set({ periodEnd })
      .where(sql`id = ${contract.id}`)
      .run();
    tx.insert(s.contractAmendments)
      .values({
        contractId: contract.id,
        rationale: t.extension.rationale,
        changes: { periodEnd: { from: contract.periodEnd, to: periodEnd } },
        createdAt: dayAt(-10, 10),
      })
      .run();
  }
  if (t.paidInFull) payEveryMilestone(tx, contract.id);
  return contract.id;
}

/** Each milestone approved and paid by bank transfer a week after signing. */
function payEveryMilestone(tx: DB, contractId: number) {
  const contract = tx
    .select()
    .from(s.contracts)
    .where(sql`id = ${contractId}`)
    .get()!;
  const paidAt = new Date(contract.signedAt!.getTime() + 7 * dayMs);
  for (const milestone of tx
    .select()
    .from(s.milestones)
    .where(sql`contract_id = ${contractId}`)
    .all()) {
    tx.update(s.milestones)
      .set({ state: 'paid', dueAt: contract.signedAt })
      .where(sql`id = ${milestone.id}`)
      .run();
    const payment = tx
      .insert(s.payments)
      .values({
        milestoneId: milestone.id,
        method: 'bank_transfer',
        amountFen: milestone.amountFen,
        reference: `XS${shanghaiDate(paidAt).replaceAll('-', '')}-${milestone.id}`,
        paidOn: shanghaiDate(paidAt),
        createdAt: paidAt,
      })
      .returning()
      .get();
    for (const kind of ['approved', 'paid'] as const)
      tx.insert(s.ledgerEntries)
        .values({
          contractId,
          milestoneId: milestone.id,
          paymentId: payment.id,
          kind,
          amountFen: milestone.amountFen,
          createdAt: paidAt,
        })
        .run();
  }
}

/**
 * Plausible panel scores for awarded tenders: the winner scored a little higher on every criterion,
 * a rejected bid 0 throughout; `outlier` is the second reviewer's score of the winner on one criterion.
 */
function seedScores(
  tx: DB,
  bidId: number,
  reviewerIds: number[],
  bid: boolean | 'rejected',
  outlier?: demo.DemoTender['outlierScore'],
) {
  for (const [i, reviewerId] of reviewerIds.entries()) {
    for (const [j, criterion] of (['plan', 'team', 'track_record'] as const).entries()) {
      const plausible = bid === 'rejected' ? 0 : (bid ? 86 : 78) + ((i + j) % 3) * 2;
      const score = bid === true && i === 1 && outlier?.criterion === criterion ? outlier.score : plausible;
      tx.insert(s.bidScores).values({ bidId, reviewerId, criterion, score }).run();
    }
  }
}

/**
 * The county's workers who check in, each with a number an SMS code confirmed: fake numbers from
 * 138 0000 0000 on, kept only as keyed hashes like real ones. Events draw on the same people.
 */
const demoWorkerCount = 250;

function demoWorker(tx: DB, n: number) {
  return workerForPhone(tx, phoneHash(`1380000${String(n % demoWorkerCount).padStart(4, '0')}`));
}

function seedEvent(tx: DB, e: (typeof demo.events)[number], contractId: number) {
  const contract = tx
    .select()
    .from(s.contracts)
    .where(sql`id = ${contractId}`)
    .get()!;
  const startsAt = dayAt(e.day);
  const endsAt = new Date(startsAt.getTime() + e.durationMinutes * 60_000);
  const enteredAt = e.enteredDaysLate ? new Date(endsAt.getTime() + e.enteredDaysLate * dayMs) : dayAt(e.day - 14);
  const reportedAt = new Date(Math.max(endsAt.getTime(), enteredAt.getTime()) + 3600_000);
  const event = tx
    .insert(s.events)
    .values({
      organizationId: contract.organizationId,
      contractId,
      title: e.title,
      startsAt,
      endsAt,
      venueType: e.venueType,
      address: e.address,
      capacity: Math.max(e.expectedAttendance, e.checkIns),
      expectedAttendance: e.expectedAttendance,
      walkIns: e.walkIns ?? 0,
      checkinSecret: randomBytes(32).toString('hex'),
      state: 'accepted',
      reportSummary: e.walkIns
        ? `${e.title}顺利开展，现场登记 ${e.walkIns} 人。`
        : `${e.title}顺利开展，现场签到 ${e.checkIns} 人。`,
      createdAt: enteredAt,
      reportedAt,
      acceptedAt: new Date(reportedAt.getTime() + 2 * dayMs),
    })
    .returning()
    .get();
  const scores = e.ratings.flatMap((count, i) => Array<number>(count).fill(i + 1));
  const comments = [...e.comments];
  const firstWorker = [...e.key].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  for (let i = 0; i < e.checkIns; i++) {
    const checkin = tx
      .insert(s.checkins)
      .values({
        eventId: event.id,
        workerId: demoWorker(tx, firstWorker + i),
        verification: 'sms',
        deviceHash: createHash('sha256').update(`demo:${e.key}:${i}`).digest('hex'),
        occupation: occupations[i % occupations.length],
        unionMember: i % 3 !== 0,
        createdAt: new Date(startsAt.getTime() + (i % 20) * 60_000),
      })
      .returning()
      .get();
    const score = scores[i];
    if (score === undefined) continue;
    const commentIndex = comments.findIndex((c) => c.stars === score);
    const comment = commentIndex >= 0 ? comments.splice(commentIndex, 1)[0]!.text : '';
    tx.insert(s.ratings)
      .values({
        checkinId: checkin.id,
        eventId: event.id,
        score,
        comment,
        createdAt: new Date(endsAt.getTime() + (i % 50) * 60_000),
      })
      .run();
  }
}

export function demoAccounts() {
  return [
    ...[...demo.staffAccounts, ...demo.townshipStaffAccounts].map((a) => ({
      email: a.email,
      who: `${a.name}（${a.roles.join(', ')}）`,
    })),
    ...demo.orgOwnerAccounts.map((a) => ({
      email: a.email,
      who: `${a.name}（${demo.organizations.find((o) => o.key === a.orgKey)!.name} owner）`,
    })),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeded = await seedDemo();
  console.log(seeded ? 'Seeded the demo county.' : 'Database already has users; demo seed skipped.');
}
