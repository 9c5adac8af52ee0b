/**
 * Counts the message deliveries of a strategy run that have not finished yet.
 *
 * A delivery starts when Node-RED's router picks the node a message goes to and finishes when
 * that node completes the message: done(), done(err), an error it reports with the message,
 * or (for nodes without done) the return of its input handler; see delivery-hooks.ts. A node
 * that drops a message still completes it, so drops finish too. Deliveries are keyed by
 * destination node and message id.
 */

export class RunTimeoutError extends Error {
  override name = 'RunTimeoutError';

  constructor(
    readonly timeoutMs: number,
    readonly inFlight: number,
  ) {
    super(
      `The strategy run did not finish within ${timeoutMs} ms: ` +
        `${inFlight} message(s) were still in flight`,
    );
  }
}

const keyOf = (nodeId: string, msgId: string | undefined): string => `${nodeId}\u0000${msgId}`;

interface ActiveRun {
  finish(err?: Error): void;
}

/** A node that failed a message of the run, or a message stopped by the loop guard. */
export interface NodeFailure {
  nodeId: string;
  /** The node's name in the editor, when it has one. */
  nodeName: string | null;
  /** The case the message carried (its topic), when known. */
  caseId: string | null;
  message: string;
}

/** The most failures a run keeps: enough to see what is wrong, bounded for a bad flow. */
const MAX_FAILURES = 1000;

export class DeliveryTracker {
  /** Failures of the current run, in the order they happened. */
  readonly failures: NodeFailure[] = [];
  private readonly failureKeys = new Set<string>();
  private readonly pending = new Map<string, number>();
  /** Deliveries completed with done(err): Node-RED reports the same error via node.error next. */
  private readonly errorEchoes = new Set<string>();
  private count = 0;
  private run: ActiveRun | null = null;
  private idleCheckQueued = false;
  /** The run's cases are still being sent in: not idle, even with nothing in flight. */
  private injecting = false;

  /** Deliveries of the current run that have not finished. */
  get inFlight(): number {
    return this.count;
  }

  get active(): boolean {
    return this.run !== null;
  }

  /**
   * Runs `inject` (which sends the run's first messages, possibly over several turns of the
   * event loop when it returns a promise) and resolves once injection is over and no delivery
   * is in flight; rejects with a RunTimeoutError after `timeoutMs`.
   */
  track(inject: () => void | Promise<void>, timeoutMs: number): Promise<void> {
    if (this.run !== null) return Promise.reject(new Error('A strategy run is already tracked'));

    return new Promise<void>((resolve, reject) => {
      this.reset();
      const timer = setTimeout(() => finish(new RunTimeoutError(timeoutMs, this.count)), timeoutMs);
      const finish = (err?: Error): void => {
        clearTimeout(timer);
        this.run = null;
        this.reset();
        if (err) reject(err);
        else resolve();
      };
      this.run = { finish };

      const fail = (err: unknown): void =>
        finish(err instanceof Error ? err : new Error(String(err)));
      let injected: void | Promise<void>;
      this.injecting = true;
      try {
        injected = inject();
      } catch (err) {
        this.injecting = false;
        fail(err);
        return;
      }
      if (injected instanceof Promise) {
        injected.then(
          () => {
            this.injecting = false;
            this.queueIdleCheck();
          },
          (err: unknown) => {
            this.injecting = false;
            fail(err);
          },
        );
        return;
      }
      this.injecting = false;
      this.queueIdleCheck();
    });
  }

  /** Ends the current run, if any, with `err`. */
  abort(err: Error): void {
    this.run?.finish(err);
  }

  delivered(nodeId: string, msgId: string | undefined): void {
    if (this.run === null) return;
    const key = keyOf(nodeId, msgId);
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.count += 1;
  }

  completed(nodeId: string, msgId: string | undefined, failed: boolean): void {
    const key = keyOf(nodeId, msgId);
    if (this.settle(key) && failed) this.errorEchoes.add(key);
  }

  /** A node reported an error for a message it received. */
  failed(nodeId: string, msgId: string | undefined): void {
    const key = keyOf(nodeId, msgId);
    if (this.errorEchoes.delete(key)) return;
    this.settle(key);
  }

  private settle(key: string): boolean {
    const open = this.pending.get(key);
    if (this.run === null || open === undefined) return false;

    if (open > 1) this.pending.set(key, open - 1);
    else this.pending.delete(key);
    this.count -= 1;
    this.queueIdleCheck();
    return true;
  }

  /** Waits a turn before calling the run idle: a node may send right after its done(). */
  private queueIdleCheck(): void {
    if (this.count > 0 || this.injecting || this.idleCheckQueued) return;
    this.idleCheckQueued = true;
    setImmediate(() => {
      this.idleCheckQueued = false;
      if (this.run !== null && this.count === 0 && !this.injecting) this.run.finish();
    });
  }

  /**
   * Notes a failure of the current run once per node and message (done(err) and the
   * node.error Node-RED reports after it are one failure); ignored outside a run and beyond
   * MAX_FAILURES.
   */
  recordFailure(failure: NodeFailure, msgId: string | undefined): void {
    if (this.run === null || this.failures.length >= MAX_FAILURES) return;
    const key = keyOf(failure.nodeId, msgId);
    if (this.failureKeys.has(key)) return;
    this.failureKeys.add(key);
    this.failures.push(failure);
  }

  /** Forgets the failures of the last run. */
  clearFailures(): void {
    this.failures.length = 0;
    this.failureKeys.clear();
  }

  private reset(): void {
    this.pending.clear();
    this.errorEchoes.clear();
    this.count = 0;
  }
}
