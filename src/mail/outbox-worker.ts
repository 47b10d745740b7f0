export interface OutboxWorker {
  /**
   * Runs a delivery pass soon instead of at the next interval: within `wakeDelayMs`, so that under
   * load one pass takes the mail of many signings instead of one pass (and commit) each.
   */
  wake(): void;
  /** Stops scheduling passes and waits for the current one to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `deliver` every `intervalMs`, and whenever woken, until it reports nothing left to do. Passes
 * never overlap: a wake during a pass runs one more pass after it.
 */
export function startOutboxWorker(
  deliver: () => Promise<number>,
  options: { intervalMs: number; wakeDelayMs: number; onError: (error: unknown) => void },
): OutboxWorker {
  let stopped = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const drain = async () => {
    do {
      again = false;
      try {
        while (!stopped && (await deliver()) > 0);
      } catch (error) {
        options.onError(error);
      }
    } while (again && !stopped);
  };

  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = drain().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
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
