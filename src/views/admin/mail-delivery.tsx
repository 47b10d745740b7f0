import type { MailAlarm, MailDelivery } from '../../domain/entities.ts';

/** Shown while the mail server refuses our configuration: no mail goes until someone fixes it. */
export function MailAlarmNotice(props: { alarm: MailAlarm | undefined }) {
  if (!props.alarm) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>No mail is going out</h2>
      <p>
        Since <time datetime={props.alarm.since.toISOString()}>{utc(props.alarm.since)}</time> the mail server refuses this site's mail settings ({props.alarm.reason}). Signers'
        mails wait and are sent once the settings are fixed: check SMTP_URL (its user and password), the relay's permission to send
        from MAIL_FROM, or MAIL_API_KEY.
      </p>
    </div>
  );
}

/** A letter's mail: sent, waiting for another attempt, refused by the recipient, and the latest failure. */
export function MailDeliverySection(props: { delivery: MailDelivery }) {
  const { sent, retrying, refused, lastError } = props.delivery;
  return (
    <section>
      <h2>Mail</h2>
      <table class="mail-delivery">
        <tbody>
          <tr>
            <th scope="row">Sent</th>
            <td>{sent}</td>
          </tr>
          <tr>
            <th scope="row">Retrying</th>
            <td>{retrying}</td>
          </tr>
          <tr>
            <th scope="row">Refused by the recipient</th>
            <td>{refused}</td>
          </tr>
          <tr>
            <th scope="row">Last error</th>
            <td>
              {lastError ? (
                <>
                  {lastError.reason} (<time datetime={lastError.at.toISOString()}>{utc(lastError.at)}</time>)
                </>
              ) : (
                'none'
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** A moment as the admin pages show them: UTC, to the second. */
const utc = (at: Date) => `${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
