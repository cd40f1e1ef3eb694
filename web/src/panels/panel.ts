// What every side panel offers the tab bar; and a poller that runs only while its panel is shown.

export interface Panel {
  id: string;
  title: string;
  el: HTMLElement;
  shown?(): void;
  hidden?(): void;
}

/** Calls `fn` now and every `ms` while started; never two calls at once. */
export function poller(fn: () => Promise<void>, ms: number) {
  let timer: number | undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await fn();
    } finally {
      running = false;
    }
  };
  return {
    start() {
      if (timer !== undefined) return;
      void run();
      timer = window.setInterval(run, ms);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    now: run,
  };
}

/** A line saying why a section is empty ("not available on this server yet" for a 404). */
export function unavailable(e: unknown, what: string): string {
  const status = (e as { status?: number }).status;
  if (status === 404) return `${what}: not available on this server (404).`;
  return `${what}: ${(e as Error).message ?? e}`;
}
