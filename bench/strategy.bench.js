#!/usr/bin/env node
/**
 * Benchmark of the strategy runtime: one day planned for a generated book of open cases
 * through the shipped default strategy (flows/strategies/default.json, its four quadrant tabs),
 * in the embedded Node-RED, then the same cases once more (the warm run).
 *
 *   npm run bench:strategy -- [--cases 100000] [--seed 1] [--timeout-ms 60000]
 *
 * The cases come from a seeded generator (the same seed gives the same cases): quadrants,
 * days past due, amounts, contact facts and, for about half of them, a stored history that
 * the default flow could have left behind (steps done or pending, replies, open and broken
 * promises, cases handed to an agency). The flow file is copied to a temp folder, which is
 * also Node-RED's userDir; nothing is written into the repository.
 * Prints time, throughput, the plans made and peak memory; it asserts nothing. The warm run's
 * peak memory includes what the cold run left for the garbage collector.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const caseCount = Number(argValue('cases', '100000'));
let seed = Number(argValue('seed', '1'));
const timeoutArg = argValue('timeout-ms', undefined);
if (!(Number.isSafeInteger(caseCount) && caseCount > 0))
  throw new Error('--cases must be a whole number of at least 1');

const { addDays, findCaseProblem, reminderChannel } = require('../flows/nodes/dist/index.js');

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * Samples memory every 50 ms during a run. The run sends its messages synchronously and so
 * blocks the event loop for seconds: a worker thread samples the RSS (process-wide) meanwhile,
 * the main thread its heap whenever it gets a turn; the longest gap between those turns is
 * how long the event loop was blocked.
 */
const sampler = {
  /** [peak RSS, samples], written by the worker. */
  rss: new BigUint64Array(new SharedArrayBuffer(16)),
  worker: null,
  peakRssHere: 0,
  peakHeap: 0,
  samples: 0,
  longestGapMs: 0,
  last: 0,
  timer: null,
  sample() {
    const { rss, heapUsed } = process.memoryUsage();
    this.peakRssHere = Math.max(this.peakRssHere, rss);
    this.peakHeap = Math.max(this.peakHeap, heapUsed);
    const now = performance.now();
    if (this.last > 0) this.longestGapMs = Math.max(this.longestGapMs, now - this.last);
    this.last = now;
    this.samples += 1;
  },
  get peakRss() {
    return Math.max(this.peakRssHere, Number(Atomics.load(this.rss, 0)));
  },
  start() {
    this.worker ??= new Worker(
      `const { workerData: rss } = require('node:worker_threads');
       setInterval(() => {
         const now = BigInt(process.memoryUsage.rss());
         if (now > Atomics.load(rss, 0)) Atomics.store(rss, 0, now);
         Atomics.add(rss, 1, 1n);
       }, 50);`,
      { eval: true, workerData: this.rss },
    );
    this.worker.unref();
    Atomics.store(this.rss, 0, 0n);
    Atomics.store(this.rss, 1, 0n);
    Object.assign(this, { peakRssHere: 0, peakHeap: 0, samples: 0, longestGapMs: 0, last: 0 });
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  },
  stop() {
    clearInterval(this.timer);
    this.sample();
  },
  get rssSamples() {
    return Number(Atomics.load(this.rss, 1));
  },
  async close() {
    clearInterval(this.timer);
    await this.worker?.terminate();
  },
};

// ---------------------------------------------------------------------------------------------
// The book of cases

/** mulberry32: a small seeded generator, the same seed gives the same cases. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(random() * n);
const between = (min, max) => min + int(max - min + 1);
const chance = (p) => random() < p;
/** Picks a key of `weights` ({ key: weight }) at random by weight. */
const pick = (weights) => {
  const entries = Object.entries(weights);
  let point = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [key, weight] of entries) {
    if ((point -= weight) < 0) return key;
  }
  return entries[entries.length - 1][0];
};

const AS_OF = '2026-06-30';
const DAY = 86_400_000;
const AS_OF_MS = Date.parse(`${AS_OF}T00:00:00Z`);
const date = (offset) => new Date(AS_OF_MS + offset * DAY).toISOString().slice(0, 10);
const dayDiff = (from, to) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
const AGENCY = 'AGENCY-01';
const PROMISE_GRACE_DAYS = 3;
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A Strapi-like documentId: 24 lowercase letters and digits. */
const documentId = () => Array.from({ length: 24 }, () => ID_CHARS[int(36)]).join('');

/** Many cases 1–30 days past due, fewer up to 90, a tail to 365. */
const daysPastDue = () => {
  const bracket = random();
  if (bracket < 0.6) return between(1, 30);
  return bracket < 0.85 ? between(31, 90) : between(91, 365);
};

const REASONS = {
  HH: { oversight: 60, unknown: 30, dispute: 10 },
  HL: { wilful: 55, oversight: 25, dispute: 10, unknown: 10 },
  LH: { cash_flow: 75, unknown: 20, dispute: 5 },
  LL: { cash_flow: 55, wilful: 20, unknown: 25 },
};
const score = (high) => (high ? between(55, 100) : between(0, 49));

/**
 * The steps the default flow plans for a case of `quadrant` that entered collection (or a new
 * round) `open` days past due: each with the day past due it is due on and the day it was
 * planned (a step behind a wait is only planned once the wait is over). `today` is the case's
 * days past due now; steps planned today or later are not in the history. `reminder` is the
 * channel a 'reminder' step takes for this case.
 */
function ladder(quadrant, open, today, repeated, reminder) {
  const steps = [];
  const add = (stepKey, channel, due, planned = open) =>
    steps.push({ stepKey, channel, due: Math.max(due, planned), planned });
  const businessDays = (from, days) =>
    from + dayDiff(date(from - today), addDays(date(from - today), days, 'business'));
  const last = () => steps[steps.length - 1];

  if (quadrant === 'HH') add('hh-reminder', reminder, open);
  if (quadrant === 'HL') {
    add('hl-reminder', reminder, open);
    add('hl-phone-day-3', 'phone', repeated ? open : 3);
    add('hl-demand-letter-day-7', 'letter', repeated ? 5 : 7);
    const offerDay = last().due + (repeated ? 5 : 7);
    add('hl-offer', reminder, offerDay, offerDay);
    add('hl-legal-review', 'legal', offerDay + 14, offerDay + 14);
  }
  if (quadrant === 'LH') {
    add('lh-reminder', reminder, 7);
    const offerDay = last().due + 5;
    add('lh-instalment-offer', reminder, offerDay, offerDay);
    const followUp = businessDays(offerDay, 14);
    add('lh-follow-up-call', 'phone', followUp, followUp);
  }
  if (quadrant === 'LL') {
    if (open < 30) add('ll-demand-letter', 'letter', open);
    if (open < 90) {
      const legal = open < 30 ? Math.min(open + 7, 30) : open;
      add('ll-legal-review', 'legal', legal, legal);
    }
    const handOff = Math.max(open, 90);
    add('ll-agency-handoff', 'agency', handOff, handOff);
    const writeOff = Math.max(handOff + 1, 180);
    add('ll-write-off', 'write_off', writeOff, writeOff);
  }
  return steps.filter((step) => step.planned < today);
}

/** What a step record says once its day has come (or not yet). */
function stepRecord(step, today, round) {
  const dueOn = date(step.due - today);
  if (step.due >= today) {
    return {
      stepKey: step.stepKey,
      round,
      channel: step.channel,
      dueOn,
      doneOn: null,
      status: 'pending',
      outcome: 'none',
    };
  }
  if ((step.channel === 'email' || step.channel === 'sms') && chance(0.03)) {
    return {
      stepKey: step.stepKey,
      round,
      channel: step.channel,
      dueOn,
      doneOn: null,
      status: 'failed',
      outcome: 'failed',
    };
  }
  const outcome =
    step.channel === 'phone'
      ? pick({ no_answer: 60, reached: 30, refused: 10 })
      : ['legal', 'agency', 'write_off'].includes(step.channel)
        ? 'none'
        : 'sent';
  return {
    stepKey: step.stepKey,
    round,
    channel: step.channel,
    dueOn,
    doneOn: dueOn,
    status: 'done',
    outcome,
  };
}

const ANSWERED = new Set(['reached', 'refused', 'promised', 'disputed', 'paid']);

/**
 * A history the default flow could have left: the case entered collection some days ago, its
 * steps were planned and done day by day; some debtors replied, some promised to pay (the
 * promise open, or broken, which starts round 1), LL cases past 90 days were handed to an agency.
 */
function caseHistory(quadrant, today, strategyCase, priorCases, kinds) {
  const reminder = reminderChannel(strategyCase);
  const open = Math.max(0, today - between(1, Math.min(today, 90)));
  const repeated = quadrant === 'HL' && (open >= 30 || priorCases > 0);
  let rounds = [ladder(quadrant, open, today, repeated, reminder)];
  const firstDone = rounds[0].find((step) => step.due < today);

  // Replies (day past due), a promise to pay and whether it was broken.
  const responses = [];
  let promise = { state: 'none', dueOn: null, amountMinor: null, broken: 0 };
  const promiseChance = { HH: 0.25, HL: 0.12, LH: 0.22, LL: 0.06 }[quadrant];
  if (firstDone !== undefined && firstDone.due < today - 1 && chance(promiseChance)) {
    const made = between(firstDone.due + 1, today - 1);
    const dueOn = made + between(3, 21);
    const amountMinor = chance(0.7)
      ? strategyCase.overdueAmountMinor
      : Math.round(strategyCase.overdueAmountMinor / 2);
    responses.push(made);
    if (dueOn + PROMISE_GRACE_DAYS >= today) {
      kinds.promiseOpen += 1;
      promise = { state: 'open', dueOn: date(dueOn - today), amountMinor, broken: 0 };
      // While the promise is open the flow only holds: nothing planned since it was made.
      rounds[0] = rounds[0].filter((step) => step.planned <= made);
    } else {
      kinds.promiseBroken += 1;
      promise = { state: 'broken', dueOn: date(dueOn - today), amountMinor, broken: 1 };
      const brokenOn = dueOn + PROMISE_GRACE_DAYS + 1;
      rounds = [
        rounds[0].filter((step) => step.planned <= made),
        ladder(quadrant, brokenOn, today, true, reminder),
      ];
    }
  }

  const records = rounds.flatMap((steps, round) =>
    steps.map((step) => ({ ...stepRecord(step, today, round), day: step.due })),
  );
  for (const record of records) {
    if (record.status === 'done' && ANSWERED.has(record.outcome)) responses.push(record.day);
  }
  const done = records.filter((record) => record.doneOn !== null).sort((a, b) => a.day - b.day);
  const lastDone = done[done.length - 1];
  if (
    lastDone !== undefined &&
    promise.state === 'none' &&
    lastDone.day < today - 1 &&
    chance(0.2)
  ) {
    kinds.replied += 1;
    responses.push(between(lastDone.day + 1, today - 1));
  }
  let unansweredActions = 0;
  for (let i = done.length - 1; i >= 0; i -= 1) {
    const next = done[i + 1]?.day ?? Infinity;
    if (responses.some((day) => day >= done[i].day && day < next)) break;
    unansweredActions += 1;
  }
  const respondedSinceLastAction =
    lastDone !== undefined && responses.some((day) => day >= lastDone.day);

  const round = promise.broken;
  const steps = {};
  for (const { day, ...record } of records)
    if (record.round === round) steps[record.stepKey] = record;
  const handedOff = records.find(
    (record) => record.stepKey === 'll-agency-handoff' && record.status === 'done',
  );
  if (handedOff) kinds.frozen += 1;
  let lastAction = null;
  if (lastDone !== undefined) {
    const { day, ...record } = lastDone;
    lastAction = { ...record, daysAgo: today - day };
  }
  return {
    oldestDueOn: date(-today),
    steps,
    lastAction,
    contacts: done.length,
    responses: responses.length,
    unansweredActions,
    respondedSinceLastAction,
    partialPaymentSinceLastAction: respondedSinceLastAction && chance(0.15),
    promise,
    priorCases,
    round,
    frozen: handedOff !== undefined,
    agencyCode: handedOff ? AGENCY : null,
  };
}

function generateCases(count) {
  const cases = [];
  const kinds = { withHistory: 0, promiseOpen: 0, promiseBroken: 0, replied: 0, frozen: 0 };
  const quadrants = { HH: 0, HL: 0, LH: 0, LL: 0 };
  for (let i = 0; i < count; i += 1) {
    const quadrant = pick({ HH: 20, HL: 40, LH: 20, LL: 20 });
    quadrants[quadrant] += 1;
    const today = daysPastDue();
    const currency = pick({ CNY: 92, USD: 5, EUR: 2, HKD: 1 });
    const domestic = currency === 'CNY';
    // Log-uniform from 1,000 to 2,000,000 in major units.
    const overdueAmountMinor = Math.round(1000 * 2000 ** random()) * 100;
    const overdueInvoices = between(1, 6);
    const reachable = { email: chance(0.8), sms: domestic && chance(0.7) };
    const strategyCase = {
      caseId: documentId(),
      debtorCode: `D${String(i).padStart(6, '0')}`,
      debtorName: domestic ? `客户${i}贸易有限公司` : `Customer ${i} Ltd`,
      asOf: AS_OF,
      maxDaysPastDue: today,
      overdueAmountMinor,
      openAmountMinor:
        overdueAmountMinor + (chance(0.5) ? Math.round(random() * overdueAmountMinor) : 0),
      currency,
      overdueInvoices,
      ...(chance(0.03) ? { disputedInvoices: 1 } : {}),
      locale: domestic ? 'zh-CN' : 'en',
      timeZone: domestic
        ? 'Asia/Shanghai'
        : pick({ 'Asia/Hong_Kong': 2, 'Europe/Berlin': 1, 'America/New_York': 1 }),
      preferredChannel: pick({ none: 50, email: 25, sms: 15, phone: 5, letter: 5 }),
      reachable,
      quadrant,
      reason: pick(REASONS[quadrant]),
      abilityScore: score(quadrant[0] === 'H'),
      willingnessScore: score(quadrant[1] === 'H'),
    };
    if (strategyCase.preferredChannel === 'none') strategyCase.preferredChannel = null;
    if (chance(0.5)) {
      kinds.withHistory += 1;
      const priorCases = chance(0.15) ? between(1, 3) : 0;
      strategyCase.history = caseHistory(quadrant, today, strategyCase, priorCases, kinds);
    }
    cases.push(strategyCase);
  }
  return { cases, kinds, quadrants };
}

// ---------------------------------------------------------------------------------------------
// The runs

const tally = (counts, key) => (counts[key] = (counts[key] ?? 0) + 1);
const shares = (counts, total) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ${n} (${((100 * n) / total).toFixed(1)}%)`)
    .join(', ');

function summarise(result) {
  const byKind = {};
  const byChannel = {};
  const byStep = {};
  for (const plan of result.plans) {
    tally(byKind, plan.kind);
    tally(byChannel, plan.channel ?? 'none (hold)');
    tally(byStep, plan.stepKey);
  }
  const byBranch = {};
  let assigned = 0;
  for (const list of result.assignments.values()) {
    for (const { experiment, branch } of list) {
      tally(byBranch, `${experiment}/${branch}`);
      assigned += 1;
    }
  }
  return { byKind, byChannel, byStep, byBranch, assigned };
}

const main = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huikuan-strategy-bench-'));
  const flowFile = path.join(dir, 'default.json');
  fs.copyFileSync(path.join(__dirname, '..', 'flows', 'strategies', 'default.json'), flowFile);
  const cpus = os.cpus();
  console.log(
    `strategy benchmark: Node ${process.version}, ${os.platform()} ${os.arch()}, ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${mib(os.totalmem())} RAM`,
  );

  let runtime = null;
  try {
    let started = process.hrtime.bigint();
    const { cases, kinds, quadrants } = generateCases(caseCount);
    for (const [index, strategyCase] of cases.entries()) {
      const problem = findCaseProblem(strategyCase);
      if (problem !== null) throw new Error(`generated case ${index} is invalid: ${problem}`);
    }
    console.log(
      `cases: ${cases.length} as of ${AS_OF} (seed ${argValue('seed', '1')}), generated in ` +
        `${seconds(started).toFixed(2)} s; ${shares(quadrants, cases.length)}`,
    );
    console.log(
      `  with history ${kinds.withHistory}: promise open ${kinds.promiseOpen}, promise broken ` +
        `${kinds.promiseBroken}, replied ${kinds.replied}, handed to an agency ${kinds.frozen}`,
    );

    started = process.hrtime.bigint();
    const { startStrategyRuntime, DEFAULT_RUN_TIMEOUT_MS } = require('../flows/dist/index.js');
    runtime = await startStrategyRuntime({
      flowFile,
      userDir: path.join(dir, 'node-red'),
      editor: false,
      credentialSecret: false,
      logLevel: 'error',
    });
    console.log(`${'start the runtime'.padEnd(22)} ${seconds(started).toFixed(2)} s`);
    const timeoutMs = timeoutArg === undefined ? DEFAULT_RUN_TIMEOUT_MS : Number(timeoutArg);
    console.log(
      `run timeout            ${timeoutMs} ms` +
        (timeoutArg === undefined ? ' (the runtime default)' : ' (--timeout-ms)'),
    );

    const runs = [];
    for (const label of ['run (cold)', 'run (warm)']) {
      sampler.start();
      started = process.hrtime.bigint();
      const result = await runtime.runStrategy(cases, { timeoutMs });
      const wall = seconds(started);
      sampler.stop();
      runs.push(result);
      console.log(
        `${label.padEnd(22)} ${wall.toFixed(2)} s  ${Math.round(cases.length / wall)} cases/s  ` +
          `${result.plans.length} plans`,
      );
      console.log(
        `  memory               peak RSS ${mib(sampler.peakRss)} (${sampler.rssSamples} samples), ` +
          `peak heap used ${mib(sampler.peakHeap)} (${sampler.samples} samples); ` +
          `event loop blocked for up to ${sampler.longestGapMs.toFixed(0)} ms`,
      );
    }

    const summary = summarise(runs[0]);
    const same = JSON.stringify(runs[0].plans) === JSON.stringify(runs[1].plans);
    console.log(`plans by kind          ${shares(summary.byKind, runs[0].plans.length)}`);
    console.log(`plans by channel       ${shares(summary.byChannel, runs[0].plans.length)}`);
    console.log(`plans by step          ${shares(summary.byStep, runs[0].plans.length)}`);
    console.log(
      `split assignments      ${summary.assigned} in ${runs[0].assignments.size} cases: ` +
        `${shares(summary.byBranch, summary.assigned) || 'none'}`,
    );
    console.log(
      `warm run plans         ${same ? 'the same as the cold run' : 'DIFFER from the cold run'}`,
    );
  } finally {
    await sampler.close();
    await runtime?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
