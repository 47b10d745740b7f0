import type { MailAlarm, MailDelivery } from '../../domain/entities.ts';
import { fillTemplate } from '../fill-template.ts';
import type { PageLanguage } from '../page-language.ts';
import { utc } from './layout.tsx';

/** Shown while the mail server refuses our configuration: no mail goes until someone fixes it. */
export function MailAlarmNotice(props: { alarm: MailAlarm | undefined; language: PageLanguage }) {
  if (!props.alarm) return null;
  const t = props.language.m.admin.mail;
  return (
    <div class="error-summary" role="alert">
      <h2>{t.alarmTitle}</h2>
      <p>
        {fillTemplate(t.alarm, {
          since: <time datetime={props.alarm.since.toISOString()}>{utc(props.alarm.since)}</time>,
          reason: props.alarm.reason,
        })}
      </p>
    </div>
  );
}

/** A letter's mail: sent, waiting for another attempt, given up (refused, or its links expired), and the latest failure. */
export function MailDeliverySection(props: { delivery: MailDelivery; language: PageLanguage }) {
  const { sent, retrying, refused, lastError } = props.delivery;
  const t = props.language.m.admin.mail;
  return (
    <section>
      <h2>{t.title}</h2>
      <table class="mail-delivery">
        <tbody>
          <tr>
            <th scope="row">{t.sent}</th>
            <td>{sent}</td>
          </tr>
          <tr>
            <th scope="row">{t.retrying}</th>
            <td>{retrying}</td>
          </tr>
          <tr>
            <th scope="row">{t.refused}</th>
            <td>{refused}</td>
          </tr>
          <tr>
            <th scope="row">{t.lastError}</th>
            <td>
              {lastError ? (
                <>
                  {lastError.reason} (<time datetime={lastError.at.toISOString()}>{utc(lastError.at)}</time>)
                </>
              ) : (
                t.none
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
