/** pending: keep waiting; complete: answered, return after a quiet period; final: return now. */
export type WaitStatus = 'pending' | 'complete' | 'final';

export interface WaitOptions {
  /** Calls the listener on every bot activity; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  status: () => WaitStatus;
  /** A time at which `status()` may change without any activity (e.g. the acknowledgement deadline). */
  wakeAt?: () => number | null;
  timeoutMs: number;
  quietMs: number;
}

/**
 * Waits for the bot to finish answering: until the status is final, or complete and quiet for
 * `quietMs` (so follow-ups and edits are collected), or `timeoutMs` passes.
 */
export function waitForOutcome(options: WaitOptions): Promise<{ timedOut: boolean }> {
  return new Promise((resolve) => {
    let quietTimer: NodeJS.Timeout | undefined;
    let wakeTimer: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    let finished = false;
    const finish = (timedOut: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(overall);
      clearTimeout(quietTimer);
      clearTimeout(wakeTimer);
      unsubscribe();
      resolve({ timedOut });
    };
    const overall = setTimeout(() => finish(true), options.timeoutMs);
    const evaluate = () => {
      const status = options.status();
      if (status === 'final') return finish(false);
      clearTimeout(quietTimer);
      if (status === 'complete') quietTimer = setTimeout(() => finish(false), options.quietMs);
      clearTimeout(wakeTimer);
      const wakeAt = options.wakeAt?.() ?? null;
      if (wakeAt !== null) wakeTimer = setTimeout(evaluate, Math.max(0, wakeAt - Date.now()));
    };
    unsubscribe = options.subscribe(evaluate);
    evaluate();
  });
}
