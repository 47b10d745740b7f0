/**
 * How soon a woken sender runs its pass: under load, one pass then takes the mail of many signings
 * instead of one pass (and commit) each.
 */
export const MAIL_WAKE_DELAY_MS = 50;

export interface MailSender {
  /**
   * Runs a delivery pass soon instead of at the next interval: within `wakeDelayMs`, so that under
   * load one pass takes the mail of many signings instead of one pass (and commit) each.
   */
  wake(): void;
  /** Stops scheduling passes and waits for the current one to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `deliver` every `intervalMs`, and when woken. A pass that comes back full (`passSize` jobs)
 * means more mail is waiting, and the next one runs at once; otherwise the mail that arrives meanwhile
 * waits for the next wake. Under load that is a pass per `wakeDelayMs` for the mail of many signings,
 * instead of passes back to back that each claim and clear a few jobs: every pass is two commits on
 * the database thread that signings wait behind. Passes never overlap.
 */
export function startMailSender(
  deliver: () => Promise<number>,
  options: { intervalMs: number; wakeDelayMs: number; passSize: number; onError: (error: unknown) => void },
): MailSender {
  let stopped = false;
  let woken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const drain = async () => {
    try {
      while (!stopped && (await deliver()) >= options.passSize);
    } catch (error) {
      options.onError(error);
    }
  };

  const tick = () => {
    if (stopped) return;
    if (running) {
      // Woken during a pass: the mail that woke it gets a pass of its own, after the wake delay.
      woken = true;
      return;
    }
    clearTimeout(timer);
    running = drain().finally(() => {
      running = undefined;
      if (stopped) return;
      timer = setTimeout(tick, woken ? options.wakeDelayMs : options.intervalMs);
      woken = false;
    });
  };

  let waking = false;
  tick();
  return {
    wake() {
      if (waking) return;
      waking = true;
      setTimeout(() => {
        waking = false;
        tick();
      }, options.wakeDelayMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
