import { getFormProps, useForm, type DefaultValue } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import type { Route } from './+types/incubators.$incubatorId.settings';
import { requireViewer } from '~/accounts/auth.server';
import {
  addRoom,
  requireIncubator,
  listRooms,
  managerRoles,
  requireIncubatorStaff,
  updateSettings,
} from '~/incubation/incubators.server';
import { roomSchema, settingsSchema, toSettings } from '~/incubation/schemas';
import { gradeMinimums, passingGrades } from '~/evaluation/grades';
import { entryCriteria, flattenSettings, indicators, performanceIndicators } from '~/incubation/settings';
import { parseId } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { Field, FormErrors, SelectField, SubmitButton } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const incubator = requireIncubator(parseId(params.incubatorId));
  requireIncubatorStaff(viewer, incubator, managerRoles);
  const t = await getT(request);
  return {
    title: t('incubation.settingsTitle', { name: incubator.name }),
    incubator: { id: incubator.id, name: incubator.name },
    values: Object.fromEntries(Object.entries(flattenSettings(incubator.settings)).map(([k, v]) => [k, String(v)])),
    rooms: listRooms(incubator.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const incubatorId = parseId(params.incubatorId);
  const formData = await request.formData();
  if (formData.get('intent') === 'room') {
    const submission = parseWithZod(formData, { schema: roomSchema });
    if (submission.status !== 'success') return data({ room: submission.reply() }, { status: 400 });
    const { intent: _intent, ...room } = submission.value;
    addRoom(viewer, incubatorId, room);
    return redirect(`/incubators/${incubatorId}/settings?room`);
  }
  const submission = parseWithZod(formData, { schema: settingsSchema });
  if (submission.status !== 'success') return data({ settings: submission.reply() }, { status: 400 });
  updateSettings(viewer, incubatorId, toSettings(submission.value));
  return redirect(`/incubators/${incubatorId}/settings?saved`);
}

/** Dotted path → nested object, for Conform's default values. */
function nest(values: Record<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  }
  return out;
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.output<typeof settingsSchema>>({
    id: 'settings',
    lastResult: actionData && 'settings' in actionData ? actionData.settings : undefined,
    defaultValue: nest(loaderData.values) as DefaultValue<z.output<typeof settingsSchema>>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsSchema }),
    shouldValidate: 'onBlur',
  });
  const [roomForm, roomFields] = useForm({
    id: 'room',
    lastResult: actionData && 'room' in actionData ? actionData.room : undefined,
    defaultValue: { opensAt: '09:00', closesAt: '18:00' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
    shouldValidate: 'onBlur',
  });
  const term = fields.term.getFieldset();
  const entry = fields.entry.getFieldset();
  const entryWeights = entry.weights.getFieldset();
  const evaluation = fields.evaluation.getFieldset();
  const evaluationWeights = evaluation.weights.getFieldset();
  const performance = fields.performance.getFieldset();
  const performanceWeights = performance.weights.getFieldset();
  const bookings = fields.bookings.getFieldset();
  const exit = fields.exit.getFieldset();
  const meetings = fields.meetings.getFieldset();
  const number = { type: 'number' as const, min: 0 };
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link to={`/incubators/${loaderData.incubator.id}/handbook`}>{t('incubation.handbook')}</Link>
        <Link to={`/incubators/${loaderData.incubator.id}/manage`}>{t('incubation.dashboard')}</Link>
      </PageHeader>
      {searchParams.has('saved') ? (
        <p className="notice" role="status">
          {t('incubation.settingsSaved')}
        </p>
      ) : null}
      <p className="hint">{t('incubation.settingsLead')}</p>
      <Form method="post" {...getFormProps(form)} className="narrow">
        <input type="hidden" name="intent" value="settings" />
        <FormErrors errors={form.errors} />
        <h2>{t('incubation.settingsSections.term')}</h2>
        <Field meta={term.months} label={t('incubation.settingsFields.termMonths')} {...number} />
        <Field meta={term.extensionMonths} label={t('incubation.settingsFields.extensionMonths')} {...number} />
        <Field meta={term.maxExtensions} label={t('incubation.settingsFields.maxExtensions')} {...number} />

        <h2>{t('incubation.settingsSections.entry')}</h2>
        <Field meta={entry.minPeople} label={t('incubation.settingsFields.minPeople')} {...number} />
        <Field meta={entry.passScore} label={t('incubation.settingsFields.passScore')} {...number} />
        <FormErrors id={entry.weights.errorId} errors={entry.weights.errors} />
        {entryCriteria.map((c) => (
          <Field
            key={c}
            meta={entryWeights[c]}
            label={t('incubation.weightOf', { name: t(`incubation.entryCriteria.${c}`) })}
            {...number}
          />
        ))}

        <h2>{t('incubation.settingsSections.evaluation')}</h2>
        <Field meta={evaluation.intervalMonths} label={t('incubation.settingsFields.intervalMonths')} {...number} />
        <FormErrors id={evaluation.weights.errorId} errors={evaluation.weights.errors} />
        {indicators.map((i) => (
          <Field
            key={i}
            meta={evaluationWeights[i]}
            label={t('incubation.weightOf', { name: t(`incubation.indicators.${i}`) })}
            {...number}
          />
        ))}

        <h2>{t('incubation.settingsSections.performance')}</h2>
        <p className="hint">{t('incubation.performanceLead')}</p>
        <FormErrors id={performance.weights.errorId} errors={performance.weights.errors} />
        {performanceIndicators.map((i) => (
          <Field
            key={i}
            meta={performanceWeights[i]}
            label={t('incubation.weightOf', { name: t(`evaluation.indicators.${i}`) })}
            {...number}
          />
        ))}

        <h2>{t('incubation.settingsSections.exit')}</h2>
        <p className="hint">{t('incubation.gradeScale', gradeMinimums)}</p>
        <SelectField
          meta={exit.graduationGrade}
          label={t('incubation.settingsFields.graduationGrade')}
          options={passingGrades.map((g) => ({ value: g, label: t(`evaluation.grades.${g}`) }))}
        />

        <h2>{t('incubation.settingsSections.bookings')}</h2>
        <Field meta={bookings.maxHours} label={t('incubation.settingsFields.maxHours')} {...number} />
        <Field meta={bookings.advanceDays} label={t('incubation.settingsFields.advanceDays')} {...number} />
        <Field meta={meetings.intervalMonths} label={t('incubation.settingsFields.meetingMonths')} {...number} />

        <SubmitButton>{t('incubation.saveSettings')}</SubmitButton>
      </Form>

      <Section title={t('incubation.rooms')}>
        <ul>
          {loaderData.rooms.map((r) => (
            <li key={r.id}>
              {t('incubation.roomOption', { name: r.name, capacity: r.capacity, opens: r.opensAt, closes: r.closesAt })}
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(roomForm)} className="narrow">
          <input type="hidden" name="intent" value="room" />
          <FormErrors errors={roomForm.errors} />
          <Field meta={roomFields.name} label={t('incubation.room')} />
          <Field meta={roomFields.capacity} label={t('incubation.capacity')} type="number" min={1} />
          <Field meta={roomFields.opensAt} label={t('incubation.opensAt')} placeholder="09:00" />
          <Field meta={roomFields.closesAt} label={t('incubation.closesAt')} placeholder="18:00" />
          <SubmitButton>{t('incubation.addRoom')}</SubmitButton>
        </Form>
      </Section>
    </>
  );
}
