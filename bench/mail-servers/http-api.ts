// A local HTTP mail API for the bench, shaped like Resend's, run as a process of its own
// (bench/mail-servers/index.ts starts it): POST /emails takes one mail and answers { id }, POST
// /emails/batch up to 100 and answers { data: [{ id }] }, both with `Authorization: Bearer <key>`.
// It counts the mails, keeping nothing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serveCount } from './count.ts';

const BATCH_LIMIT = 100;
const authorization = `Bearer ${process.env.MAIL_API_KEY}`;
let received = 0;

const isMail = (value: unknown) => {
  const mail = value as Record<string, unknown> | null;
  return typeof mail === 'object' && mail !== null && typeof mail.from === 'string' && mail.to !== undefined && typeof mail.subject === 'string';
};

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.method !== 'POST' || (req.url !== '/emails' && req.url !== '/emails/batch')) return answer(res, 404, { message: 'Not found' });
  if (req.headers.authorization !== authorization) return answer(res, 401, { message: 'API key is invalid' });
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return answer(res, 400, { message: 'Invalid JSON' });
  }
  const mails = req.url === '/emails/batch' ? body : [body];
  if (!Array.isArray(mails) || mails.length === 0 || mails.length > BATCH_LIMIT || !mails.every(isMail)) {
    return answer(res, 422, { message: `Expected ${req.url === '/emails/batch' ? `1 to ${BATCH_LIMIT} emails` : 'an email'}` });
  }
  const ids = mails.map(() => ({ id: String(++received) }));
  answer(res, 200, req.url === '/emails/batch' ? { data: ids } : ids[0]);
}

const server = createServer((req, res) => void handle(req, res).catch(() => answer(res, 500, { message: 'Internal error' })));
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => serveCount((server.address() as { port: number }).port, () => received));
