import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { occupations } from '../machine';
import { ErrorSummary, FormErrors } from '~/ui/form';

export type Step = 'phone' | 'code' | 'tap';

/** A refused post's problems by field ('' for the form's own), as Conform's replies carry them. */
export type Problems = Record<string, string[]>;

/** The form's id: its fields are `checkin-phone` and `checkin-code`, where the summary links. */
const formId = 'checkin';

/** What the form shows and carries: the ticket, and what the worker has typed so far. */
export type Fields = {
  step: Step;
  ticket: string;
  phone?: string;
  code?: string;
  challenge?: string;
  sentTo?: string;
  occupation?: string;
  unionMember?: string;
};

function Questions({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('delivery.checkin.occupation')}</legend>
        <div className="choices">
          {occupations.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name="occupation" value={o} defaultChecked={fields.occupation === o} />{' '}
              {t(`delivery.occupations.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('delivery.checkin.unionMember')}</legend>
        <div className="choices two">
          <label className="choice">
            <input type="radio" name="unionMember" value="yes" defaultChecked={fields.unionMember === 'yes'} />{' '}
            {t('common.yes')}
          </label>
          <label className="choice">
            <input type="radio" name="unionMember" value="no" defaultChecked={fields.unionMember === 'no'} />{' '}
            {t('common.no')}
          </label>
        </div>
      </fieldset>
      <p className="hint">{t('delivery.checkin.optional')}</p>
    </>
  );
}

/** An input's attributes that tie it to its problems, when it has some. */
function described(name: string, problems: Problems | undefined) {
  return problems?.[name]?.length ? { 'aria-invalid': true, 'aria-describedby': `${formId}-${name}-error` } : {};
}

/** The number, and the button that sends it a code (again, from step 'code'). */
function PhoneNumber({ fields, problems }: { fields: Fields; problems?: Problems }) {
  const { t } = useTranslation();
  const first = fields.step === 'phone';
  return (
    <>
      {first ? <p className="hint">{t('delivery.phoneCheckin.why')}</p> : null}
      <label htmlFor={`${formId}-phone`}>{t('delivery.phoneCheckin.number')}</label>
      <input
        id={`${formId}-phone`}
        name="phone"
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        maxLength={20}
        defaultValue={fields.phone}
        {...described('phone', problems)}
      />
      {problems?.phone ? <FormErrors id={`${formId}-phone-error`} errors={problems.phone} /> : null}
      <button type="submit" name="intent" value="send" className={first ? 'button big' : 'button secondary'}>
        {t(first ? 'delivery.phoneCheckin.send' : 'delivery.phoneCheckin.resend')}
      </button>
    </>
  );
}

/**
 * The check-in form at its step: the number, the code sent to it, or the questions and the button.
 * A refused post's problems are listed at the top, each linking to its field (decision 110); the
 * page ships no JavaScript, so it is all rendered here, from the action's answer.
 */
export function CheckinForm({ fields, problems }: { fields: Fields; problems?: Problems }) {
  const { t } = useTranslation();
  const { step } = fields;
  // The check-in button comes before "send again", so Enter after typing the code checks in.
  return (
    <Form method="post" id={formId}>
      {problems ? (
        <ErrorSummary
          form={{ id: formId, status: 'error', allErrors: problems }}
          labels={{ phone: t('delivery.phoneCheckin.number'), code: t('delivery.phoneCheckin.code') }}
        />
      ) : null}
      <input type="hidden" name="ticket" value={fields.ticket} />
      {step === 'code' ? (
        <>
          <input type="hidden" name="challenge" value={fields.challenge} />
          {fields.sentTo ? <p role="status">{t('delivery.phoneCheckin.sent', { phone: fields.sentTo })}</p> : null}
          <label htmlFor={`${formId}-code`}>{t('delivery.phoneCheckin.code')}</label>
          <input
            id={`${formId}-code`}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            defaultValue={fields.code}
            {...described('code', problems)}
          />
          {problems?.code ? <FormErrors id={`${formId}-code-error`} errors={problems.code} /> : null}
        </>
      ) : null}
      {step !== 'phone' ? (
        <>
          <Questions fields={fields} />
          <button type="submit" name="intent" value={step === 'code' ? 'verify' : 'tap'} className="button big">
            {t('delivery.checkin.submit')}
          </button>
        </>
      ) : null}
      {step !== 'tap' ? <PhoneNumber fields={fields} problems={problems} /> : null}
      {step === 'phone' ? (
        // Answers given before a code had to be sent again wait here for the next step.
        <>
          {fields.occupation ? <input type="hidden" name="occupation" value={fields.occupation} /> : null}
          {fields.unionMember ? <input type="hidden" name="unionMember" value={fields.unionMember} /> : null}
        </>
      ) : null}
    </Form>
  );
}
