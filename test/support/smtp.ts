import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait.ts';

/** A message as the SMTP server received it: parsed, and its bytes as they came (for checking a signature). */
export type ReceivedMail = ParsedMail & { raw: Buffer };

/** A real SMTP server on 127.0.0.1 that keeps what it receives; it can be stopped and started again. */
export interface MailSink {
  port: number;
  messages: ReceivedMail[];
  /** Waits until `count` messages to `to` have arrived, and returns them in arrival order. */
  mailTo(to: string, count?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const messages: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;

  const listen = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              messages.push(Object.assign(mail, { raw }));
              callback();
            })
            .catch(callback);
        });
      },
    });
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.server.address() as { port: number }).port;
    // A client that dies mid-session (a server killed on purpose) resets its connection: expected.
    s.on('error', () => {});
  };

  await listen();
  const sink: MailSink = {
    get port() {
      return port;
    },
    messages,
    async mailTo(to, count = 1) {
      const addressed = () => messages.filter((m) => recipients(m).includes(to.toLowerCase()));
      await waitFor(() => addressed().length >= count, `${count} mail(s) to ${to}`);
      return addressed();
    },
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: listen,
  };
  return sink;
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((a) => (a.address ?? '').toLowerCase()));
}

/** The path of the first link in a mail's text that points at `/kind/…`. */
export function linkPath(mail: ParsedMail, kind: 'confirm' | 'withdraw'): string {
  const match = (mail.text ?? '').match(new RegExp(`https?://[^\\s]+(/${kind}/[A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no ${kind} link in mail "${mail.subject}"`);
  return match[1];
}
