import { describe, expect, it } from 'vitest';
import { offeringMachine } from './machine';
import { mayBeCommissioned, mayReadOffering, offeringAbilities, type OfferingStanding } from './permissions';

const standings: Record<string, OfferingStanding> = {
  member: { member: true, organizationActive: true },
  suspendedMember: { member: true, organizationActive: false },
  outsider: { member: false, organizationActive: true },
};

describe('offering permissions, for each standing in each state', () => {
  const table = offeringMachine.states.flatMap((state) =>
    Object.entries(standings).map(([name, standing]) => [state, name, standing] as const),
  );
  it.each(table)('%s, as %s', (state, name, standing) => {
    const can = offeringAbilities({ state }, standing);
    const member = name !== 'outsider';
    expect(can.edit).toBe(member && state !== 'archived');
    const expected = (Object.keys(offeringMachine.transitions) as (keyof typeof offeringMachine.transitions)[]).filter(
      (t) =>
        member &&
        (offeringMachine.transitions[t].from as readonly string[]).includes(state) &&
        !(t === 'publish' && name === 'suspendedMember'),
    );
    expect(can.transitions).toEqual(expected);
    expect(mayReadOffering({ state }, member)).toBe(member || state === 'published');
  });

  it('is commissioned only while published by an organization that is not suspended', () => {
    expect(mayBeCommissioned({ state: 'published' }, true)).toBeNull();
    expect(mayBeCommissioned({ state: 'published' }, false)).toEqual({
      messageKey: 'catalog.errors.notCommissionable',
      status: 409,
    });
    expect(mayBeCommissioned({ state: 'draft' }, true)).not.toBeNull();
  });
});
