// The cast and the records for the authorization matrix and the form fuzzing: the demo county is
// union A (its records are the targets), union B and organization B are strangers with every role.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RouteConfigEntry } from '@react-router/dev/routes';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '../../db/schema';
import { seedDemo } from '../../db/seed';
import routes from '../../app/routes';
import { unionRoles, type UnionRole } from '~/accounts/roles';
import { createSession, sessionCookie } from '~/accounts/session.server';
import { hashToken, newToken } from '~/accounts/tokens.server';
import { feedPath } from '~/delivery/calendar.server';
import { workerCookie } from '~/delivery/device.server';
import { now } from '~/lib/clock.server';
import { toShanghaiInput } from '~/lib/time';
import { riskSettingKeys, riskSettingRanges } from '~/risk/settings';
import { databasePath, db, sqlite } from '~/lib/db.server';
import { optionalTemplates, unsubscribeUrl } from '~/notifications/preferences.server';

export type Role = 'anon' | 'worker' | 'ownerA' | 'memberA' | 'ownerB' | `${UnionRole}A` | `${UnionRole}B` | 'platform';

export const allRoles: Role[] = [
  'anon',
  'worker',
  'ownerA',
  'memberA',
  'ownerB',
  ...unionRoles.map((r) => `${r}A` as const),
  ...unionRoles.map((r) => `${r}B` as const),
  'platform',
];

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);
const dataDir = () => dirname(databasePath());
const unique = () => randomBytes(8).toString('hex');

function writeFile(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
}

function addUser(name: string, isPlatformAdmin = false) {
  return db
    .insert(s.users)
    .values({
      email: `${name}-${unique()}@example.test`,
      name,
      passwordHash: 'not-a-hash',
      isPlatformAdmin,
      emailVerifiedAt: now(),
    })
    .returning()
    .get().id;
}

/** The Cookie header a browser would send after the app set `Set-Cookie` with this helper. */
function cookiePair(setCookie: string) {
  return setCookie.split(';')[0]!;
}

function sessionCookieFor(userId: number) {
  const { token, expiresAt } = createSession(userId);
  return cookiePair(sessionCookie(token, expiresAt));
}

function one<T>(row: T | undefined, what: string): T {
  if (!row) throw new Error(`The demo seed has no ${what}`);
  return row;
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Seeds the demo county and adds what the matrix needs; returns each role's cookie and the params. */
export async function buildWorld() {
  await seedDemo();
  const unionA = one(db.select().from(s.unions).where(eq(s.unions.name, '象山县总工会')).get(), 'county union');
  const departmentA = one(
    db.select().from(s.departments).where(eq(s.departments.unionId, unionA.id)).get(),
    'county department',
  );
  const contractA = one(
    db
      .select()
      .from(s.contracts)
      .where(and(eq(s.contracts.unionId, unionA.id), eq(s.contracts.state, 'active')))
      .orderBy(s.contracts.id)
      .get(),
    'active county contract',
  );
  const orgA = contractA.organizationId;
  const ownerAId = one(
    db
      .select()
      .from(s.organizationMembers)
      .where(and(eq(s.organizationMembers.organizationId, orgA), eq(s.organizationMembers.role, 'owner')))
      .get(),
    'organization owner',
  ).userId;
  const memberAId = addUser('memberA');
  db.insert(s.organizationMembers).values({ organizationId: orgA, userId: memberAId, role: 'member' }).run();

  const unionB = db
    .insert(s.unions)
    .values({ name: `外县总工会 ${unique()}`, level: 'county' })
    .returning()
    .get();
  const departmentB = db.insert(s.departments).values({ unionId: unionB.id, name: '宣传教育部' }).returning().get();
  const ownerBId = addUser('ownerB');
  const orgB = db
    .insert(s.organizations)
    .values({ name: `外县社会组织 ${unique()}`, type: 'grassroots' })
    .returning()
    .get().id;
  db.insert(s.organizationMembers).values({ organizationId: orgB, userId: ownerBId, role: 'owner' }).run();

  const cookies: Record<Role, string | null> = {
    anon: null,
    worker: null,
    ownerA: sessionCookieFor(ownerAId),
    memberA: sessionCookieFor(memberAId),
    ownerB: sessionCookieFor(ownerBId),
    platform: sessionCookieFor(addUser('platform', true)),
  } as Record<Role, string | null>;
  for (const role of unionRoles) {
    for (const [suffix, union, department] of [
      ['A', unionA.id, departmentA.id],
      ['B', unionB.id, departmentB.id],
    ] as const) {
      const userId = addUser(`${role}${suffix}`);
      db.insert(s.staffRoles)
        .values({ unionId: union, userId, role, departmentId: role === 'commissioner' ? department : null })
        .run();
      cookies[`${role}${suffix}`] = sessionCookieFor(userId);
    }
  }

  const tenderA = one(
    db
      .select()
      .from(s.tenders)
      .where(and(eq(s.tenders.unionId, unionA.id), eq(s.tenders.state, 'published')))
      .get(),
    'published county tender',
  );
  const evaluatingTender = one(
    db
      .select()
      .from(s.tenders)
      .where(and(eq(s.tenders.unionId, unionA.id), eq(s.tenders.state, 'evaluating')))
      .get(),
    'county tender in evaluation',
  );
  const attachmentKey = `${unique()}${unique()}.png`;
  writeFile(join(dataDir(), 'attachments', attachmentKey));
  const tenderAttachment = db
    .insert(s.tenderAttachments)
    .values({
      tenderId: tenderA.id,
      fileName: 'plan.png',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      storageKey: attachmentKey,
    })
    .returning()
    .get();

  const eventA = one(
    db.select().from(s.events).where(eq(s.events.contractId, contractA.id)).orderBy(s.events.startsAt).get(),
    'event of the contract',
  );
  const photoKey = `${eventA.id}/${unique()}${unique()}.png`;
  writeFile(join(dataDir(), 'uploads', 'event-photos', photoKey));
  const eventPhoto = db
    .insert(s.eventPhotos)
    .values({
      eventId: eventA.id,
      storageKey: photoKey,
      contentType: 'image/png',
      bytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
    })
    .returning()
    .get();

  // The worker: a number confirmed by SMS, checked in to the event, with the credential cookie.
  const workerId = db
    .insert(s.workers)
    .values({ phoneHash: randomBytes(32).toString('hex') })
    .returning()
    .get().id;
  db.insert(s.checkins)
    .values({
      eventId: eventA.id,
      workerId,
      verification: 'sms',
      deviceHash: createHash('sha256').update(`worker:${workerId}`).digest('hex'),
      createdAt: now(),
    })
    .run();
  cookies.worker = cookiePair(workerCookie(new Request('http://localhost/'), workerId));

  const incubator = one(
    db.select().from(s.incubators).where(eq(s.incubators.unionId, unionA.id)).get(),
    'county incubator',
  );
  const room = one(db.select().from(s.rooms).where(eq(s.rooms.incubatorId, incubator.id)).get(), 'incubator room');
  const meeting = one(
    db.select().from(s.jointMeetings).where(eq(s.jointMeetings.incubatorId, incubator.id)).get(),
    'joint meeting',
  );
  const application = db
    .insert(s.incubationApplications)
    .values({
      incubatorId: incubator.id,
      organizationId: orgA,
      plan: '入驻计划',
      state: 'submitted',
      submittedAt: now(),
    })
    .returning()
    .get();
  const applicationKey = `${unique()}${unique()}.png`;
  writeFile(join(dataDir(), 'attachments', applicationKey));
  const applicationAttachment = db
    .insert(s.applicationAttachments)
    .values({
      applicationId: application.id,
      fileName: 'charter.png',
      contentType: 'image/png',
      byteSize: png.length,
      storageKey: applicationKey,
      sha256: createHash('sha256').update(png).digest('hex'),
    })
    .returning()
    .get();
  const residency =
    db
      .select()
      .from(s.residencies)
      .where(and(eq(s.residencies.organizationId, orgA), eq(s.residencies.incubatorId, incubator.id)))
      .get() ??
    db
      .insert(s.residencies)
      .values({
        incubatorId: incubator.id,
        organizationId: orgA,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      })
      .returning()
      .get();
  const residencyEvaluation = db
    .insert(s.residencyEvaluations)
    .values({ residencyId: residency.id, periodStart: '2026-01-01', periodEnd: '2026-06-30', state: 'open' })
    .returning()
    .get();

  const offering = one(
    db.select().from(s.offerings).where(eq(s.offerings.organizationId, orgA)).get(),
    'offering of the organization',
  );
  const offeringPhotoName = `${randomBytes(16).toString('hex')}.png`;
  writeFile(join(dataDir(), 'uploads', 'offerings', offeringPhotoName));
  const offeringPhoto = db
    .insert(s.offeringPhotos)
    .values({ offeringId: offering.id, storedName: offeringPhotoName, contentType: 'image/png', byteSize: png.length })
    .returning()
    .get();
  const commission = db
    .insert(s.commissions)
    .values({
      offeringId: offering.id,
      organizationId: orgA,
      unionId: unionA.id,
      departmentId: departmentA.id,
      requestedBy: ownerAId,
      sessions: 2,
      priceFen: offering.priceFen,
      amountFen: offering.priceFen * 2,
      periodStart: '2026-09-01',
      periodEnd: '2026-12-31',
    })
    .returning()
    .get();

  const milestone = one(
    db.select().from(s.milestones).where(eq(s.milestones.contractId, contractA.id)).orderBy(s.milestones.id).get(),
    'milestone of the contract',
  );
  const voucherName = `${randomBytes(16).toString('hex')}.png`;
  writeFile(join(dataDir(), 'vouchers', voucherName));
  const payment =
    db
      .select({ id: s.payments.id })
      .from(s.payments)
      .innerJoin(s.milestones, eq(s.milestones.id, s.payments.milestoneId))
      .where(eq(s.milestones.contractId, contractA.id))
      .get() ??
    db
      .insert(s.payments)
      .values({ milestoneId: milestone.id, method: 'bank_transfer', amountFen: milestone.amountFen })
      .returning()
      .get();
  db.update(s.payments)
    .set({ voucherFile: voucherName, voucherType: 'image/png' })
    .where(eq(s.payments.id, payment.id))
    .run();
  // A Stripe attempt still pending (never sent to Stripe), for finance to cancel.
  const stripeAttempt = db
    .insert(s.payments)
    .values({ milestoneId: milestone.id, method: 'stripe', state: 'pending', amountFen: milestone.amountFen })
    .returning()
    .get();

  const notification = db
    .insert(s.notifications)
    .values({
      userId: ownerAId,
      template: 'tender_cancelled',
      data: { title: tenderA.title, reason: '预算调整', path: `/tenders/${tenderA.id}` },
    })
    .returning()
    .get();
  const unsubscribeToken = unsubscribeUrl(ownerAId, optionalTemplates[0]!).split('/').pop()!;
  // Someone whose two-factor a platform admin may reset (the reset deletes the secret, never reads it).
  const twoFactorUserId = addUser('twoFactor');
  db.insert(s.totpCredentials).values({ userId: twoFactorUserId, sealedSecret: 'sealed', confirmedAt: now() }).run();

  // A staff invitation of union A, and one to organization A sent to ownerB's (verified) address:
  // only ownerB may accept its link.
  const invitation = (
    values: { unionId: number; role: UnionRole } | { organizationId: number; role: 'member' },
    email: string,
    token = newToken(),
  ) =>
    db
      .insert(s.invitations)
      .values({
        ...values,
        email,
        tokenHash: hashToken(token),
        expiresAt: new Date(now().getTime() + 7 * 86_400_000),
        sentAt: now(),
      })
      .returning()
      .get().id;
  const staffInvitation = invitation({ unionId: unionA.id, role: 'reviewer' }, `invited-${unique()}@example.test`);
  const invitationToken = newToken();
  const ownerBEmail = db.select().from(s.users).where(eq(s.users.id, ownerBId)).get()!.email;
  // Stored normalized, as the app stores an invited address.
  const memberInvitation = invitation(
    { organizationId: orgA, role: 'member' },
    ownerBEmail.toLowerCase(),
    invitationToken,
  );

  // A red flag on the published tender, for the flag's page.
  const flag = db
    .insert(s.riskFlags)
    .values({
      unionId: unionA.id,
      subjectType: 'tender',
      subjectId: tenderA.id,
      indicator: 'single_bid',
      valueFen: tenderA.budgetFen,
      facts: { seen: { bids: 1 }, threshold: { bids: 2 }, records: [] },
      year: 2026,
      raisedAt: now(),
      updatedAt: now(),
    })
    .onConflictDoNothing()
    .returning()
    .get();

  const params: Record<string, string> = {
    flagId: String(flag?.id ?? one(db.select().from(s.riskFlags).get(), 'red flag').id),
    unionId: String(unionA.id),
    orgId: String(orgA),
    tenderId: String(tenderA.id),
    attachmentId: String(tenderAttachment.id),
    contractId: String(contractA.id),
    file: `${tenderA.id}.json`,
    eventId: String(eventA.id),
    photoId: String(eventPhoto.id),
    feed: feedPath('organization', orgA).split('/').pop()!,
    incubatorId: String(incubator.id),
    meetingId: String(meeting.id),
    applicationId: String(application.id),
    residencyId: String(residency.id),
    evaluationId: String(residencyEvaluation.id),
    offeringId: String(offering.id),
    commissionId: String(commission.id),
    table: 'contracts',
    milestoneId: String(milestone.id),
    paymentId: String(payment.id),
    notificationId: String(notification.id),
    token: unsubscribeToken,
    lng: 'en',
    // Not route params: ids the matrix's forms refer to.
    departmentId: String(departmentA.id),
    roomId: String(room.id),
    stripePaymentId: String(stripeAttempt.id),
    userId: String(twoFactorUserId),
    invitationId: String(staffInvitation),
  };
  // Params whose record differs by route: an attachment of the application, a photo of the offering.
  const paramsByRoute: Record<string, Record<string, string>> = {
    'applications/:applicationId/attachments/:attachmentId': { attachmentId: String(applicationAttachment.id) },
    'catalog/:offeringId/photos/:photoId': { photoId: String(offeringPhoto.id) },
    'tenders/:tenderId/evaluate': { tenderId: String(evaluatingTender.id) },
    'invitations/:token': { token: invitationToken },
  };
  // Form fields whose record differs by route: the invitation an organization's page manages.
  const formByRoute: Record<string, Record<string, string>> = {
    'orgs/:orgId/edit': { invitationId: String(memberInvitation) },
  };
  return { cookies, params, paramsByRoute, formByRoute, unionA, unionB, orgA, orgB, ownerAId };
}

/**
 * Sent with every POST: valid values for the fields most forms share, so that an action that parses
 * before it checks permissions gets as far as the check (unknown fields are ignored by the schemas);
 * `path`, the route's, adds the fields that differ by route.
 */
export function plausibleForm(world: World, path?: string): Record<string, string> {
  const day = (offset: number) => toShanghaiInput(new Date(Date.now() + offset * 24 * 3600_000));
  const future = day(10);
  return {
    title: '矩阵测试',
    name: '矩阵测试',
    summary: '按计划完成，职工反响良好。',
    reason: '预算调整，需要书面说明理由。',
    rationale: '预算调整，需要书面说明理由。',
    resolution: '已与服务方沟通并整改。',
    question: '服务地点在哪里？',
    answer: '在职工服务驿站。',
    text: '矩阵测试',
    comment: '矩阵测试',
    note: '矩阵测试',
    topic: '季度联席会议',
    mentor: '张老师',
    minutes: '会议纪要',
    address: '丹东街道职工服务驿站',
    startsAt: future,
    heldOn: future.slice(0, 10),
    periodStart: day(5).slice(0, 10),
    periodEnd: day(60).slice(0, 10),
    durationMinutes: '60',
    venueType: 'station',
    capacity: '30',
    walkIns: '3',
    sessions: '2',
    amount: '1000',
    price: '100',
    score: '4',
    plan: '4',
    team: '4',
    judgement: '4',
    email: 'matrix@example.test',
    organizationId: String(world.orgA),
    unionId: String(world.unionA.id),
    level: 'county',
    role: 'commissioner',
    category: 'counselling',
    format: 'on_site',
    areas: '丹东街道',
    limit: '5000',
    departmentId: world.params.departmentId!,
    roomId: world.params.roomId!,
    paymentId: world.params.stripePaymentId!,
    userId: world.params.userId!,
    year: day(0).slice(0, 4),
    heldAt: future,
    endsAt: day(10.05).slice(0, 16),
    agenda: '季度联席会议',
    source: 'union',
    decision: 'exit',
    // Irreversible commands go through only from their confirm page (decision 111).
    confirmed: 'yes',
    opensAt: '09:00',
    closesAt: '17:00',
    invitationId: world.params.invitationId!,
    kind: 'explanation',
    ...Object.fromEntries(riskSettingKeys.map((k) => [k, String(riskSettingRanges[k].default)])),
    ...(path ? world.formByRoute[path] : {}),
  };
}

/**
 * Runs `fn` and undoes every write it made, so each call meets the same records. A savepoint opened
 * here turns the app's own transactions into nested savepoints.
 */
export async function rolledBack<T>(fn: () => Promise<T>): Promise<T> {
  sqlite.exec('SAVEPOINT matrix');
  try {
    return await fn();
  } finally {
    sqlite.exec('ROLLBACK TO matrix');
    sqlite.exec('RELEASE matrix');
  }
}

export type Outcome = { kind: 'login' | 'refused' | 'allowed'; status: number; detail: string };

function responseLike(value: unknown): { status: number; location: string | null } | null {
  if (value instanceof Response) return { status: value.status, location: value.headers.get('Location') };
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
    const init = (value as { init?: ResponseInit | null }).init;
    return { status: init?.status ?? 200, location: new Headers(init?.headers).get('Location') };
  }
  return null;
}

/**
 * What a loader or action answered: a login redirect, a refusal (401/403/404) or an answer. Any other
 * thrown error, or a 5xx, is thrown for the test to report.
 */
export async function outcomeOf(run: () => unknown): Promise<Outcome> {
  let status: number;
  let location: string | null;
  try {
    const r = responseLike(await run()) ?? { status: 200, location: null };
    ({ status, location } = r);
  } catch (error) {
    const r = responseLike(error);
    if (!r) throw error;
    ({ status, location } = r);
  }
  if (status >= 500) throw new Error(`answered ${status}`);
  if (status >= 300 && status < 400 && location?.startsWith('/login'))
    return { kind: 'login', status, detail: location };
  if ([401, 403, 404].includes(status)) return { kind: 'refused', status, detail: String(status) };
  return { kind: 'allowed', status, detail: `${status}${location ? ` → ${location}` : ''}` };
}

export function requestFor(path: string, cookie: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('Cookie', cookie);
  headers.set('Origin', 'http://localhost');
  return new Request(`http://localhost${path}`, { ...init, headers });
}

/** Row counts of every table, to prove a refused or failed command wrote nothing. */
export function tableCounts() {
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, db.get<{ n: number }>(sql.raw(`select count(*) as n from "${name}"`))!.n]),
  );
}

/**
 * Per route with an action: per intent ('' = none), a role allowed to post it (see the matrix). The
 * form fuzzer and the malformed-request test post as these; both fail on a route missing here.
 */
export const posters: Record<string, Record<string, Role>> = {
  'set-locale': { '': 'anon' },
  'set-display': { '': 'anon' },
  signup: { '': 'anon' },
  login: { '': 'anon' },
  'login/two-factor': { '': 'anon' },
  logout: { '': 'ownerA' },
  account: { '': 'ownerA' },
  'admin/unions': { '': 'platform' },
  'admin/unions/:unionId': { '': 'platform', department: 'platform', invite: 'platform' },
  'admin/two-factor': { '': 'platform' },
  'tenders/new': { '': 'commissionerA' },
  'tenders/:tenderId': {
    '': 'ownerA',
    submit: 'ownerA',
    saveDraft: 'ownerA',
    withdraw: 'ownerA',
    publish: 'commissionerA',
    ask: 'ownerA',
    object: 'ownerA',
  },
  'tenders/:tenderId/edit': { '': 'commissionerA', removeAttachment: 'commissionerA' },
  'tenders/:tenderId/manage': {
    '': 'commissionerA',
    assign: 'commissionerA',
    remove: 'commissionerA',
    answer: 'commissionerA',
    answerObjection: 'commissionerA',
    cancel: 'commissionerA',
  },
  'tenders/:tenderId/evaluate': { '': 'commissionerA', declare: 'reviewerA', award: 'commissionerA' },
  'contracts/:contractId': {
    '': 'ownerA',
    confirm: 'ownerA',
    issue: 'commissionerA',
    amend: 'commissionerA',
    complete: 'commissionerA',
    terminate: 'commissionerA',
  },
  'contracts/:contractId/events/new': { '': 'ownerA' },
  'events/:eventId': {
    '': 'ownerA',
    report: 'ownerA',
    'walk-ins': 'ownerA',
    'delete-photo': 'ownerA',
    accept: 'commissionerA',
    return: 'commissionerA',
    attendance: 'reviewerA',
  },
  'c/:eventId': { '': 'anon', send: 'anon', verify: 'anon', tap: 'anon' },
  'c/:eventId/rate': { '': 'worker', create: 'worker', edit: 'worker' },
  'events/:eventId/ratings': {
    '': 'commissionerA',
    exclude: 'commissionerA',
    restore: 'commissionerA',
    attendance: 'reviewerA',
  },
  'orgs/:orgId/events/new': { '': 'ownerA' },
  'orgs/:orgId/calendar': { '': 'ownerA' },
  'unions/:unionId/calendar': { '': 'adminA' },
  'orgs/new': { '': 'ownerA' },
  'orgs/:orgId/edit': { '': 'ownerA', invite: 'ownerA', resend: 'ownerA', withdraw: 'ownerA' },
  'invitations/:token': { '': 'ownerB' },
  'unions/:unionId/invitations': { resend: 'adminA', withdraw: 'adminA' },
  'incubators/:incubatorId': { '': 'ownerA' },
  'incubators/:incubatorId/settings': { settings: 'incubator_managerA', room: 'incubator_managerA' },
  'incubators/:incubatorId/meetings': { '': 'incubator_managerA' },
  'incubators/:incubatorId/meetings/:meetingId': { '': 'incubator_managerA' },
  'applications/:applicationId': {
    save: 'ownerA',
    submit: 'ownerA',
    withdraw: 'ownerA',
    removeAttachment: 'ownerA',
    review: 'incubator_managerA',
    score: 'incubator_managerA',
    admit: 'incubator_managerA',
    reject: 'incubator_managerA',
  },
  'residencies/:residencyId/evaluations/:evaluationId': {
    '': 'incubator_managerA',
    publish: 'incubator_managerA',
    cancel: 'incubator_managerA',
  },
  'residencies/:residencyId': {
    book: 'ownerA',
    cancelBooking: 'ownerA',
    mentoring: 'incubator_managerA',
    followUpDone: 'incubator_managerA',
    evaluate: 'incubator_managerA',
    exitReview: 'incubator_managerA',
  },
  'catalog/:offeringId': { '': 'commissionerA' },
  'orgs/:orgId/offerings/new': { '': 'ownerA' },
  'offerings/:offeringId/edit': {
    save: 'ownerA',
    addPhoto: 'ownerA',
    removePhoto: 'ownerA',
    publish: 'ownerA',
    unpublish: 'ownerA',
    archive: 'ownerA',
    restore: 'ownerA',
  },
  'commissions/:commissionId': { accept: 'ownerA', decline: 'ownerA', cancel: 'commissionerA' },
  'unions/:unionId/commissioning': { '': 'adminA', 'attendance-standard': 'adminA', 'risk-settings': 'adminA' },
  'risk/:flagId': { respond: 'auditorA' },
  'contracts/:contractId/evaluation': { review: 'reviewerA', complaint: 'commissionerA', resolve: 'commissionerA' },
  'unions/:unionId/payments': { '': 'financeA' },
  'unions/:unionId/budgets': { '': 'financeA' },
  'milestones/:milestoneId': {
    approve: 'financeA',
    confirm: 'ownerA',
    transfer: 'financeA',
    stripe: 'financeA',
    cancelStripe: 'financeA',
  },
  'orgs/:orgId/payments': { connect: 'ownerA' },
  'webhooks/stripe': { '': 'anon' },
  notifications: { '': 'ownerA' },
  'notifications/preferences': { '': 'ownerA' },
  'unsubscribe/:token': { '': 'anon' },
  'verify-email': { '': 'ownerA' },
  'forgot-password': { '': 'anon' },
  'reset-password': { '': 'anon' },
  'admin/outbox/:notificationId': { '': 'platform' },
  '__test/clock': { '': 'anon' },
};

export type Leaf = { path: string; file: string };

/** Every route of app/routes.ts: its path (no leading slash, params as `:name`) and its module. */
export function routeLeaves(entries: RouteConfigEntry[] = routes, prefix = ''): Leaf[] {
  return entries.flatMap((entry) => {
    const path = entry.index ? prefix : [prefix, entry.path ?? ''].filter(Boolean).join('/');
    return [{ path, file: entry.file }, ...routeLeaves(entry.children ?? [], path)];
  });
}

/** The routes whose module exports an action. */
export function actionRoutes() {
  return routeLeaves().filter((leaf) =>
    /export (async )?function action/.test(readFileSync(resolve('app', leaf.file), 'utf8')),
  );
}

/** The route's address with the world's records for its params, and those params. */
export function urlFor(world: World, path: string) {
  const params = { ...world.params, ...world.paramsByRoute[path] };
  const used: Record<string, string> = {};
  const url =
    '/' +
    path.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`No record for :${name} in ${path}: add one to buildWorld's params`);
      used[name] = value;
      return encodeURIComponent(value);
    });
  return { url, params: used };
}
