// A real SMTP server (smtp-server) on 127.0.0.1 for the bench, run as a process of its own
// (bench/mail-servers/index.ts starts it): it accepts every mail and counts it, keeping nothing.
import { SMTPServer } from 'smtp-server';
import { serveCount } from './count.ts';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      received++;
      callback();
    });
    stream.resume();
  },
});
// A client that goes away mid-session (a server stopped between scenarios) is expected.
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => serveCount((server.server.address() as { port: number }).port, () => received));
