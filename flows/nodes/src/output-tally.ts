/**
 * Counts the messages a routing node sends per output during the current run and shows them
 * on its status badge, throttled: a run of 100,000 cases must not cost 100,000 status updates.
 */

/** How often the badge is redrawn at most, in ms. */
export const TALLY_INTERVAL_MS = 100;

/** A message arriving after this long a pause (ms) starts a new run: the counts restart. */
export const RUN_GAP_MS = 3000;

export interface TallyOptions {
  intervalMs?: number;
  runGapMs?: number;
  now?: () => number;
}

/** "HH 12 · HL 3 · LH 0": one `label count` entry per output. */
export function countsText(labels: readonly string[], counts: readonly number[]): string {
  return labels.map((label, i) => `${label} ${counts[i] ?? 0}`).join(' · ');
}

export class OutputTally {
  private readonly counts: number[];
  private readonly intervalMs: number;
  private readonly runGapMs: number;
  private readonly now: () => number;
  private lastCountedAt = Number.NEGATIVE_INFINITY;
  private lastShownAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

  /** `show` receives the live counts array: read it, do not keep it. */
  constructor(
    slots: number,
    private readonly show: (counts: readonly number[]) => void,
    options: TallyOptions = {},
  ) {
    this.counts = new Array<number>(slots).fill(0);
    this.intervalMs = options.intervalMs ?? TALLY_INTERVAL_MS;
    this.runGapMs = options.runGapMs ?? RUN_GAP_MS;
    this.now = options.now ?? Date.now;
  }

  /** Counts one message for `slot`; redraws now, or once the interval has passed. */
  count(slot: number): void {
    const now = this.now();
    if (now - this.lastCountedAt >= this.runGapMs) this.counts.fill(0);
    this.lastCountedAt = now;
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;

    const sinceShown = now - this.lastShownAt;
    if (sinceShown >= this.intervalMs) {
      this.flush(now);
    } else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush(this.now());
      }, this.intervalMs - sinceShown);
      this.timer.unref();
    }
  }

  /** Stops a pending redraw (call it from the node's close handler). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(now: number): void {
    this.stop();
    this.lastShownAt = now;
    this.show(this.counts);
  }
}
