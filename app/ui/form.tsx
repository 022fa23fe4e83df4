import { formatDateTime } from '~/lib/format';
import {
  getCollectionProps,
  getFormProps,
  useForm,
  type FormMetadata,
  type SubmissionResult,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from '@conform-to/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from '~/lib/translation';
import { Form, useNavigation } from 'react-router';
import { formMessage, readFormMessage, type MessageValues } from '~/lib/form-message';
import type { MessageKey } from '~/lib/locale';
import { Section } from './page';

type Meta = FieldMetadata<unknown>;

/** A form error (an i18n key, with the limit it states) in the person's language. */
function useFormMessage() {
  const { t, i18n } = useTranslation();
  return (text: string) => {
    const { key, values = {} } = readFormMessage(text);
    const written = Object.entries(values).map(([k, v]) => [
      k,
      v instanceof Date ? formatDateTime(v, i18n.language) : v,
    ]);
    return t(key, Object.fromEntries(written) as Record<string, string | number>);
  };
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  const message = useFormMessage();
  if (!errors?.length) return null;
  // The alert role sits on a wrapper: on the <ul> itself it would hide the list from assistive technology.
  return (
    <div id={id} role="alert">
      <ul className="field-errors">
        {errors.map((e) => (
          <li key={e}>{message(e)}</li>
        ))}
      </ul>
    </div>
  );
}

function FieldShell({
  meta,
  label,
  hint,
  children,
}: {
  meta: Meta;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={`${meta.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <Errors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

type InputType = 'text' | 'email' | 'password' | 'number' | 'datetime-local' | 'date' | 'tel' | 'file';

export function Field({
  meta,
  label,
  type = 'text',
  hint,
  ...rest
}: { meta: Meta; label: string; type?: InputType; hint?: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  'type'
>) {
  const props = getInputProps(meta, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <input {...props} {...rest} key={props.key} />
    </FieldShell>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  rows = 5,
}: {
  meta: Meta;
  label: string;
  hint?: string;
  rows?: number;
}) {
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} />
    </FieldShell>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
}: {
  meta: Meta;
  label: string;
  options: { value: string | number; label: string }[];
  placeholder?: string;
}) {
  const props = getSelectProps(meta);
  return (
    <FieldShell meta={meta} label={label}>
      <select {...props} key={props.key}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * GOV.UK's error summary, at the top of a refused form: every problem at once (fields and checks
 * across them), each linking to its field, named by `labels` (field name → its label). It takes the
 * focus when it appears, so that a screen reader reads it and the next Tab reaches the first link.
 * Server-rendered from the action's reply, it works without JavaScript.
 */
export function ErrorSummary({
  form,
  labels = {},
}: {
  form: Pick<FormMetadata, 'id' | 'status' | 'allErrors'>;
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const message = useFormMessage();
  const ref = useRef<HTMLDivElement>(null);
  const problems = Object.entries(form.allErrors).flatMap(([name, errors]) => errors.map((error) => ({ name, error })));
  const shown = problems.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, form.status, problems.length]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${form.id}-problem`}>
      <h2 id={`${form.id}-problem`}>{t('errors.problem')}</h2>
      <ul>
        {problems.map(({ name, error }) => {
          const text = labels[name] ? `${labels[name]}${t('punctuation.colon')}${message(error)}` : message(error);
          return <li key={`${name}:${error}`}>{name ? <a href={`#${form.id}-${name}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  return <Errors id={id ?? 'form-errors'} errors={errors} />;
}

export function SubmitButton({
  children,
  name,
  value,
  className,
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  return (
    <button type="submit" name={name} value={value} className={className ?? 'button'} aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}

/**
 * The reply to the form keyed `form` (`submitForm`'s option) in what the action returned; for one of
 * several such forms on a page (a row's), only if its hidden fields in `row` have the row's values.
 */
export function replyTo(
  actionData: unknown,
  form: string,
  row?: Record<string, string | number>,
): SubmissionResult<string[]> | undefined {
  if (!actionData || typeof actionData !== 'object' || !(form in actionData)) return undefined;
  const reply = (actionData as Record<string, SubmissionResult<string[]>>)[form];
  const typed = reply?.initialValue;
  return !row || Object.entries(row).every(([name, value]) => typed?.[name] === String(value)) ? reply : undefined;
}

/** A message returned by an action as `{ failure, values }` (an i18n key), shown in the person's language. */
export function ActionMessage({ failure, values }: { failure?: string | null; values?: MessageValues }) {
  const message = useFormMessage();
  if (!failure) return null;
  return (
    <p className="alert" role="alert">
      {message(values ? formMessage(failure as MessageKey, values) : failure)}
    </p>
  );
}

/** A group of checkboxes (several values) or radio buttons (one), labelled by a legend. */
export function ChoiceField({
  meta,
  label,
  type,
  options,
}: {
  meta: Meta;
  label: string;
  type: 'checkbox' | 'radio';
  options: { value: string | number; label: string }[];
}) {
  const labels = new Map(options.map((o) => [String(o.value), o.label]));
  const inputs = getCollectionProps(meta, { type, options: options.map((o) => String(o.value)) });
  return (
    <fieldset
      id={meta.id}
      tabIndex={-1}
      className="field choices-field"
      aria-describedby={meta.errors?.length ? meta.errorId : undefined}
    >
      <legend>{label}</legend>
      {inputs.map(({ key, ...props }) => (
        <label key={key} className="choice-inline">
          <input {...props} aria-describedby={undefined} /> {labels.get(props.value)}
        </label>
      ))}
      <Errors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/**
 * A section whose one form asks why before an irreversible step (terminate a contract, cancel a
 * tender or an event): posts `intent` and `reason`; its reply is keyed by `intent` (`submitForm`'s
 * `form`), and its field is `<intent>-reason`.
 */
export function ReasonForm({
  title,
  label,
  intent,
  submit,
  lastResult,
}: {
  title: string;
  label: string;
  intent: string;
  submit: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<{ reason: string }>({ id: intent, lastResult });
  return (
    <Section title={title}>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ reason: label }} />
        <TextareaField meta={fields.reason} label={label} rows={3} />
        <SubmitButton name="intent" value={intent} className="button danger">
          {submit}
        </SubmitButton>
      </Form>
    </Section>
  );
}
