import type { CompiledHistory } from './history';

/** Half-life of the recency weights: a settlement this many days back counts half. */
export const RECENT_HALF_LIFE_DAYS = 60;
/** The days-late trend is the slope over at most this many latest settlements. */
export const TREND_WINDOW = 6;

const ISSUED = 1;
const OVERDUE = 2;
const SETTLED = 3;

export interface Settlement {
  invoice: number;
  day: number;
  daysLate: number;
}

/** Sums over settled invoices; every field can take one invoice back out. */
export interface SettledSums {
  count: number;
  late: number;
  daysLate: number;
  daysToSettle: number;
  fromDue: number;
  partial: number;
  credited: number;
  disputed: number;
  daysToSettleSquares: number;
  /** By billing channel: count, days to settle and late count (unknown channels in neither). */
  paper: number;
  paperDays: number;
  paperLate: number;
  electronic: number;
  electronicDays: number;
  electronicLate: number;
  /** Invoices without a dispute and their days to settle. */
  undisputed: number;
  undisputedDays: number;
}

/** The debtor's book at a query day, with the queried invoice itself left out. */
export interface BookView {
  issuedCount: number;
  issuedAmount: number;
  /** The debtor's first issue day, the described invoice included (its date is no outcome). */
  firstIssueDay: number | null;
  openCount: number;
  openAmount: number;
  partiallyPaidOpen: number;
  oldestOpenIssueDay: number | null;
  overdueCount: number;
  overdueAmount: number;
  /** Sum of the overdue invoices' issue days (their ages follow from the query day). */
  overdueIssueDays: number;
  oldestOverdueDueDay: number | null;
  settled: SettledSums;
  maxDaysLate: number | null;
  lastLateDay: number | null;
  /** Latest settlements, oldest first, at most TREND_WINDOW of them. */
  latest: Settlement[];
  /** Recency-weighted settled invoices, their late share and days late. */
  recent: { weight: number; late: number; daysLate: number };
}

const noSettlements = (): SettledSums => ({
  count: 0,
  late: 0,
  daysLate: 0,
  daysToSettle: 0,
  fromDue: 0,
  partial: 0,
  credited: 0,
  disputed: 0,
  daysToSettleSquares: 0,
  paper: 0,
  paperDays: 0,
  paperLate: 0,
  electronic: 0,
  electronicDays: 0,
  electronicLate: 0,
  undisputed: 0,
  undisputedDays: 0,
});

/** Adds (sign 1) or takes back (sign -1) one invoice's outcome. */
function addSums(target: SettledSums, delta: SettledSums, sign: 1 | -1): void {
  for (const key of Object.keys(target) as Array<keyof SettledSums>) {
    target[key] += sign * delta[key];
  }
}

/** Keeps the two best entries by `better`, so one can be left out and the other remains. */
class TopTwo<T extends { invoice: number }> {
  private entries: T[] = [];

  constructor(private readonly better: (a: T, b: T) => boolean) {}

  offer(entry: T): void {
    this.entries.push(entry);
    this.entries.sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
    if (this.entries.length > 2) this.entries.length = 2;
  }

  bestExcept(invoice: number): T | null {
    return this.entries.find((entry) => entry.invoice !== invoice) ?? null;
  }
}

/**
 * One debtor's invoices replayed in day order: issued, open, overdue and settled, as
 * running sums that can leave one invoice out. All state is per debtor; `status` and
 * `openLeft` are shared arrays indexed by invoice (each invoice has one debtor).
 */
export class DebtorBook {
  private issuedCount = 0;
  private issuedAmount = 0;
  private firstIssueDay: number | null = null;
  private openCount = 0;
  private openAmount = 0;
  private partiallyPaidOpen = 0;
  private readonly openQueue: number[] = [];
  private openHead = 0;
  private overdueCount = 0;
  private overdueAmount = 0;
  private overdueIssueDays = 0;
  private readonly overdueQueue: number[] = [];
  private overdueHead = 0;
  private readonly settled = noSettlements();
  private readonly maxLate = new TopTwo<Settlement>((a, b) => a.daysLate > b.daysLate);
  private readonly lastLate = new TopTwo<Settlement>((a, b) => a.day > b.day);
  private readonly ring: Settlement[] = [];
  private recent = { day: 0, weight: 0, late: 0, daysLate: 0 };

  constructor(
    private readonly history: CompiledHistory,
    private readonly status: Uint8Array,
    private readonly openLeft: Float64Array,
  ) {}

  issue(invoice: number): void {
    const amount = this.history.amount[invoice]!;
    this.issuedCount += 1;
    this.issuedAmount += amount;
    this.firstIssueDay ??= this.history.issueDay[invoice]!;
    this.status[invoice] = ISSUED;
    this.openLeft[invoice] = amount;
    this.openCount += 1;
    this.openAmount += amount;
    this.openQueue.push(invoice);
  }

  reduce(invoice: number, amountMinor: number): void {
    const status = this.status[invoice]!;
    if (status !== ISSUED && status !== OVERDUE) return;
    const full = this.history.amount[invoice]!;
    const wasPartial = this.openLeft[invoice]! < full;
    this.openLeft[invoice]! -= amountMinor;
    this.openAmount -= amountMinor;
    if (status === OVERDUE) this.overdueAmount -= amountMinor;
    this.partiallyPaidOpen += Number(this.openLeft[invoice]! < full) - Number(wasPartial);
  }

  overdue(invoice: number): void {
    if (this.status[invoice] !== ISSUED) return;
    this.status[invoice] = OVERDUE;
    this.overdueCount += 1;
    this.overdueAmount += this.openLeft[invoice]!;
    this.overdueIssueDays += this.history.issueDay[invoice]!;
    this.overdueQueue.push(invoice);
  }

  settle(invoice: number, day: number): void {
    const { history } = this;
    const left = this.openLeft[invoice]!;
    if (this.status[invoice] === OVERDUE) {
      this.overdueCount -= 1;
      this.overdueAmount -= left;
      this.overdueIssueDays -= this.history.issueDay[invoice]!;
    }
    this.openCount -= 1;
    this.openAmount -= left;
    if (left < history.amount[invoice]!) this.partiallyPaidOpen -= 1;
    this.status[invoice] = SETTLED;

    const outcome = this.outcomeOf(invoice);
    addSums(this.settled, outcome, 1);
    this.decayTo(day);
    this.recent.weight += 1;
    this.recent.late += outcome.late;
    this.recent.daysLate += outcome.daysLate;

    const entry = { invoice, day, daysLate: outcome.daysLate };
    this.maxLate.offer(entry);
    if (outcome.daysLate > 0) this.lastLate.offer(entry);
    this.ring.push(entry);
    if (this.ring.length > TREND_WINDOW + 1) this.ring.shift();
  }

  /** The book on `day` (at or after every event so far) without `invoice`. */
  view(invoice: number, day: number): BookView {
    const { history } = this;
    const status = this.status[invoice]!;
    const own = status === 0 ? 0 : 1;
    const open = status === ISSUED || status === OVERDUE ? 1 : 0;
    const overdue = status === OVERDUE ? 1 : 0;
    const left = open ? this.openLeft[invoice]! : 0;
    const partlyPaid = open && left < history.amount[invoice]! ? 1 : 0;

    this.decayTo(day);
    const settled = { ...this.settled };
    const recent = {
      weight: this.recent.weight,
      late: this.recent.late,
      daysLate: this.recent.daysLate,
    };
    if (status === SETTLED) {
      const outcome = this.outcomeOf(invoice);
      addSums(settled, outcome, -1);
      const weight = 2 ** (-(day - history.settleDay[invoice]!) / RECENT_HALF_LIFE_DAYS);
      recent.weight -= weight;
      recent.late -= weight * outcome.late;
      recent.daysLate -= weight * outcome.daysLate;
    }

    return {
      issuedCount: this.issuedCount - own,
      issuedAmount: this.issuedAmount - own * history.amount[invoice]!,
      firstIssueDay: this.firstIssueDay,
      openCount: this.openCount - open,
      openAmount: this.openAmount - left,
      partiallyPaidOpen: this.partiallyPaidOpen - partlyPaid,
      oldestOpenIssueDay: this.oldestOpen(invoice),
      overdueCount: this.overdueCount - overdue,
      overdueAmount: this.overdueAmount - overdue * left,
      overdueIssueDays: this.overdueIssueDays - overdue * history.issueDay[invoice]!,
      oldestOverdueDueDay: this.oldestOverdue(invoice),
      settled,
      maxDaysLate: this.maxLate.bestExcept(invoice)?.daysLate ?? null,
      lastLateDay: this.lastLate.bestExcept(invoice)?.day ?? null,
      latest: this.ring.filter((entry) => entry.invoice !== invoice).slice(-TREND_WINDOW),
      recent,
    };
  }

  /** What one settled invoice adds to the sums. */
  private outcomeOf(invoice: number): SettledSums {
    const { history } = this;
    const day = history.settleDay[invoice]!;
    const due = history.dueDay[invoice]!;
    const daysLate = Math.max(0, day - due);
    const late = Number(daysLate > 0);
    const days = day - history.issueDay[invoice]!;
    const paper = Number(history.paper[invoice] === 1);
    const electronic = Number(history.paper[invoice] === 0);
    const disputed = history.disputed[invoice]!;
    return {
      count: 1,
      late,
      daysLate,
      daysToSettle: days,
      fromDue: day - due,
      partial: Number(history.instalments[invoice]! >= 2),
      credited: history.credited[invoice]!,
      disputed,
      daysToSettleSquares: days * days,
      paper,
      paperDays: paper * days,
      paperLate: paper * late,
      electronic,
      electronicDays: electronic * days,
      electronicLate: electronic * late,
      undisputed: 1 - disputed,
      undisputedDays: (1 - disputed) * days,
    };
  }

  private decayTo(day: number): void {
    if (day <= this.recent.day) return;
    const factor = 2 ** (-(day - this.recent.day) / RECENT_HALF_LIFE_DAYS);
    this.recent.weight *= factor;
    this.recent.late *= factor;
    this.recent.daysLate *= factor;
    this.recent.day = day;
  }

  private oldestOpen(except: number): number | null {
    const queue = this.openQueue;
    while (this.openHead < queue.length && this.status[queue[this.openHead]!] === SETTLED) {
      this.openHead += 1;
    }
    const found = this.firstLive(queue, this.openHead, except, (s) => s !== SETTLED);
    return found === null ? null : this.history.issueDay[found]!;
  }

  private oldestOverdue(except: number): number | null {
    const queue = this.overdueQueue;
    while (this.overdueHead < queue.length && this.status[queue[this.overdueHead]!] !== OVERDUE) {
      this.overdueHead += 1;
    }
    const found = this.firstLive(queue, this.overdueHead, except, (s) => s === OVERDUE);
    return found === null ? null : this.history.dueDay[found]!;
  }

  private firstLive(
    queue: number[],
    from: number,
    except: number,
    live: (status: number) => boolean,
  ): number | null {
    for (let index = from; index < queue.length; index += 1) {
      const invoice = queue[index]!;
      if (invoice !== except && live(this.status[invoice]!)) return invoice;
    }
    return null;
  }
}
