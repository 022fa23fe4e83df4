import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { occupations } from '../machine';

export type Step = 'phone' | 'code' | 'tap';

/** What the form shows and carries: the ticket, and what the worker has typed so far. */
export type Fields = {
  step: Step;
  ticket: string;
  phone?: string;
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

/** The number, and the button that sends it a code (again, from step 'code'). */
function PhoneNumber({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const first = fields.step === 'phone';
  return (
    <>
      {first ? <p className="hint">{t('delivery.phoneCheckin.why')}</p> : null}
      <label htmlFor="phone">{t('delivery.phoneCheckin.number')}</label>
      <input
        id="phone"
        name="phone"
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        maxLength={20}
        defaultValue={fields.phone}
        required={first}
      />
      <button type="submit" name="intent" value="send" className={first ? 'button big' : 'button secondary'}>
        {t(first ? 'delivery.phoneCheckin.send' : 'delivery.phoneCheckin.resend')}
      </button>
    </>
  );
}

/** The check-in form at its step: the number, the code sent to it, or the questions and the button. */
export function CheckinForm({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { step } = fields;
  // The check-in button comes before "send again", so Enter after typing the code checks in.
  return (
    <Form method="post">
      <input type="hidden" name="ticket" value={fields.ticket} />
      {step === 'code' ? (
        <>
          <input type="hidden" name="challenge" value={fields.challenge} />
          {fields.sentTo ? <p role="status">{t('delivery.phoneCheckin.sent', { phone: fields.sentTo })}</p> : null}
          <label htmlFor="code">{t('delivery.phoneCheckin.code')}</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
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
      {step !== 'tap' ? <PhoneNumber fields={fields} /> : null}
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
