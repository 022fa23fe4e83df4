import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { requireVoucher, recordBankTransfer } from './bank-transfers.server';
import { connectState } from './connect.server';
import { approveMilestone, confirmReceipt, requireMilestoneFor, organizationMoney } from './milestones.server';
import { startStripePayment } from './stripe-payments.server';
import { stripeEnabled } from './stripe.server';
import { voucherMaxBytes } from './vouchers.server';
import { databasePath, db } from '~/lib/db.server';
import { action as webhookAction } from '~/routes/webhooks.stripe';
import { ledgerOf, milestonesOf, signedContract } from '../../tests/fixtures/payments';

const pdf = () => new File([Buffer.from('%PDF-1.7\n% 回单\n')], '回单.pdf', { type: 'application/pdf' });
const vouchersDir = () => join(dirname(databasePath()), 'vouchers');
const storedVouchers = () => {
  try {
    return readdirSync(vouchersDir()).length;
  } catch {
    return 0;
  }
};

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
});

/** A signed contract whose signing milestone finance has approved. */
async function approved() {
  const cast = await signedContract({ amountFen: 40_000_00 });
  const milestone = milestonesOf(cast.contractId)[0]!;
  approveMilestone(cast.finance, milestone.id);
  return { ...cast, milestone };
}

const transfer = (overrides: Partial<Parameters<typeof recordBankTransfer>[2]> = {}) => ({
  paidOn: '2026-03-02',
  amountFen: 12_000_00,
  reference: 'ICBC20260302-0042',
  voucher: pdf(),
  ...overrides,
});

describe('paying a milestone by bank transfer', () => {
  it('records the transfer with its voucher, pays the milestone once and tells the organization', async () => {
    const { contractId, milestone, finance, ids } = await approved();
    const paymentId = await recordBankTransfer(finance, milestone.id, transfer());

    expect(milestonesOf(contractId)[0]!.state).toBe('paid');
    const payment = db.select().from(s.payments).where(eq(s.payments.id, paymentId)).get()!;
    expect(payment).toMatchObject({
      method: 'bank_transfer',
      amountFen: 12_000_00,
      reference: 'ICBC20260302-0042',
      paidOn: '2026-03-02',
      voucherType: 'application/pdf',
    });
    expect(ledgerOf(contractId).map((l) => [l.kind, l.amountFen, l.paymentId])).toEqual([
      ['committed', 40_000_00, null],
      ['approved', 12_000_00, null],
      ['paid', 12_000_00, paymentId],
    ]);
    const notices = db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.userId, ids.ownerId), eq(s.notifications.template, 'milestone_paid')))
      .all();
    expect(notices).toHaveLength(1);

    await expect(recordBankTransfer(finance, milestone.id, transfer())).rejects.toMatchObject({
      messageKey: 'errors.illegalTransition',
    });
    expect(ledgerOf(contractId).filter((l) => l.kind === 'paid')).toHaveLength(1);
  });

  it('refuses a bad voucher, a wrong amount or a stranger, leaving no file and no record behind', async () => {
    const { contractId, milestone, finance, commissioner, owner } = await approved();
    const before = storedVouchers();
    const refused = async (by: typeof finance, input: ReturnType<typeof transfer>) => {
      await expect(recordBankTransfer(by, milestone.id, input)).rejects.toBeDefined();
    };

    const exe = new File([Buffer.from('MZ\x90\x00 not a pdf')], 'voucher.pdf', { type: 'application/pdf' });
    await expect(recordBankTransfer(finance, milestone.id, transfer({ voucher: exe }))).rejects.toMatchObject({
      messageKey: 'payments.errors.voucherType',
    });
    const huge = new File([Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(voucherMaxBytes)])], 'big.pdf');
    await expect(recordBankTransfer(finance, milestone.id, transfer({ voucher: huge }))).rejects.toMatchObject({
      messageKey: 'payments.errors.voucherTooLarge',
    });
    await expect(recordBankTransfer(finance, milestone.id, transfer({ amountFen: 12_000_01 }))).rejects.toMatchObject({
      messageKey: 'payments.errors.amountMismatch',
    });
    await refused(commissioner, transfer());
    await refused(owner, transfer());

    expect(storedVouchers()).toBe(before);
    expect(db.select().from(s.payments).where(eq(s.payments.milestoneId, milestone.id)).all()).toEqual([]);
    expect(milestonesOf(contractId)[0]!.state).toBe('approved');
  });

  it('serves the voucher to the union finance and commissioners and the organization only', async () => {
    const { milestone, finance, commissioner, owner, member } = await approved();
    const paymentId = await recordBankTransfer(finance, milestone.id, transfer());
    for (const viewer of [finance, commissioner, owner, member]) {
      const voucher = requireVoucher(viewer, paymentId);
      expect(voucher.type).toBe('application/pdf');
      expect(voucher.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const stranger = await signedContract();
    for (const viewer of [stranger.finance, stranger.commissioner, stranger.owner])
      expect(() => requireVoucher(viewer, paymentId)).toThrow(Response);
  });

  it("lets the organization's owner confirm receipt, and shows what is owed and paid", async () => {
    const { contractId, organizationId, milestone, finance, owner, member } = await approved();
    await recordBankTransfer(finance, milestone.id, transfer());

    await expect(async () => confirmReceipt(member, milestone.id)).rejects.toMatchObject({ status: 403 });
    await expect(async () => confirmReceipt(finance, milestone.id)).rejects.toMatchObject({ status: 403 });
    confirmReceipt(owner, milestone.id);
    expect(milestonesOf(contractId)[0]!.state).toBe('confirmed');
    expect(ledgerOf(contractId).map((l) => l.kind)).toEqual(['committed', 'approved', 'paid', 'confirmed']);

    const money = organizationMoney(member, organizationId);
    expect(money.totals).toMatchObject({ committedFen: 40_000_00, paidFen: 12_000_00, outstandingFen: 28_000_00 });
    expect(money.milestones.map((m) => [m.state, m.paidOn, m.method])).toEqual([
      ['confirmed', '2026-03-02', 'bank_transfer'],
      ['pending', null, null],
    ]);
    expect(() => organizationMoney(finance, organizationId)).toThrow(Response);
  });
});

describe('with no Stripe keys', () => {
  it('offers no Stripe option and refuses Stripe calls, while bank transfers work', async () => {
    const { milestone, finance, organizationId } = await approved();
    expect(stripeEnabled()).toBe(false);
    const view = requireMilestoneFor(finance, milestone.id);
    expect(view.stripe).toBeNull();
    expect(view.canRecordTransfer).toBe(true);
    expect(connectState(organizationId)).toBeNull();
    await expect(startStripePayment(finance, milestone.id, 'http://localhost')).rejects.toMatchObject({
      messageKey: 'payments.errors.stripeDisabled',
    });
    const response = await webhookAction({
      request: new Request('http://localhost/webhooks/stripe', { method: 'POST', body: '{}' }),
    } as Parameters<typeof webhookAction>[0]);
    expect(response.status).toBe(404);
    await recordBankTransfer(finance, milestone.id, transfer());
  });
});
