import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { organizationSchema } from './schemas';

const today = '2026-06-01';

function submit(fields: Record<string, string | string[]>) {
  const form = new FormData();
  const base = {
    name: '象山县暖心社工服务中心',
    type: 'social_service',
    fields: ['counselling'],
    contactName: '王芳',
    contactPhone: '0574-65000000',
    contactEmail: 'warm@test.example',
    teamSize: '6',
    volunteers: '20',
  };
  for (const [key, value] of Object.entries({ ...base, ...fields }))
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return parseWithZod(form, { schema: organizationSchema(today) });
}

const errorsOf = (fields: Record<string, string | string[]>) => {
  const result = submit(fields);
  return result.status === 'success' ? null : result.error;
};

describe('the organization form', () => {
  it('accepts a registered organization with a valid code, typed loosely', () => {
    const result = submit({ creditCode: ' 91350100m000100y43 ' });
    expect(result.status).toBe('success');
    if (result.status === 'success') expect(result.value.creditCode).toBe('91350100M000100Y43');
  });

  it('refuses a code whose check character does not match', () => {
    expect(errorsOf({ creditCode: '91350100M000100Y44' })).toEqual({
      creditCode: ['organizations.profile.errors.creditCodeInvalid'],
    });
  });

  it('requires a code of registered types and refuses one for grassroots teams', () => {
    for (const type of ['social_group', 'social_service', 'foundation'])
      expect(errorsOf({ type })).toEqual({ creditCode: ['organizations.profile.errors.creditCodeRequired'] });
    expect(errorsOf({ type: 'grassroots', creditCode: '91350100M000100Y43' })).toEqual({
      creditCode: ['organizations.profile.errors.creditCodeGrassroots'],
    });
    expect(submit({ type: 'grassroots' }).status).toBe('success');
  });

  it('needs at least one field of service and a founding date that is not in the future', () => {
    expect(errorsOf({ type: 'grassroots', fields: [] })).toEqual({
      fields: ['organizations.profile.errors.chooseField'],
    });
    expect(errorsOf({ type: 'grassroots', foundedOn: '2026-06-02' })).toEqual({
      foundedOn: ['organizations.profile.errors.foundedInFuture'],
    });
    expect(submit({ type: 'grassroots', fields: ['counselling', 'legal_aid'], foundedOn: '2014-05-12' }).status).toBe(
      'success',
    );
  });
});
