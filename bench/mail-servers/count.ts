/** Tells the bench, which started this process, the port it listens on, then how many mails it has taken whenever asked. */
export function serveCount(port: number, received: () => number) {
  process.send!({ port });
  process.on('message', () => process.send!({ received: received() }));
  process.on('disconnect', () => process.exit(0));
}
