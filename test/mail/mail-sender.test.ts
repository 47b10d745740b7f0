import { describe, expect, it } from 'vitest';
import { startMailSender } from '../../src/mail/mail-sender.ts';
import { waitFor } from '../support/wait.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the mail sender', () => {
  it('takes the mail of a busy stretch in a pass per wake delay, not in passes back to back', async () => {
    let passes = 0;
    // Every pass finds a little mail: the signings of the last moments.
    const sender = startMailSender(
      async () => {
        passes++;
        await sleep(2);
        return 3;
      },
      { intervalMs: 10_000, wakeDelayMs: 50, passSize: 200, onError: () => {} },
    );
    const started = performance.now();
    while (performance.now() - started < 500) {
      sender.wake();
      await sleep(1);
    }
    await sender.stop();
    // One at start, then about one per 50 ms; back to back they would have been a hundred or more.
    expect(passes).toBeGreaterThanOrEqual(3);
    expect(passes).toBeLessThanOrEqual(13);
  });

  it('runs the next pass at once while passes come back full, and stops when the outbox is empty', async () => {
    const backlog = [200, 200, 200, 57];
    let passes = 0;
    const sender = startMailSender(async () => backlog[passes++] ?? 0, {
      intervalMs: 10_000,
      wakeDelayMs: 50,
      passSize: 200,
      onError: () => {},
    });
    await waitFor(() => passes === 4, 'four passes');
    // The last came back short: nothing more until woken or the interval.
    await sleep(100);
    expect(passes).toBe(4);
    await sender.stop();
  });
});
