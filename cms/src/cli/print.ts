import type { RowError } from '@huikuan/plugin-collections/domain/ledger';
import { isFileLevel } from '@huikuan/plugin-collections/import/index';
import type { ImportReport } from '@huikuan/plugin-collections/services/importer.service';
import type { CycleReport, RefusedPlan } from '@huikuan/plugin-collections/services/cycle.service';
import type { BacktestResult } from '@huikuan/plugin-collections/services/backtest.service';
import type {
  ChiSquareResult,
  ExperimentReport,
  TestNotRun,
  WelchResult,
} from '@huikuan/plugin-collections/domain/strategy-analytics';
import { toMajor } from '@huikuan/plugin-collections/domain/money';

const line = (label: string, value: string | number): string => `  ${label.padEnd(28)} ${value}`;

const money = (amount: number, currency: string): string =>
  `${currency} ${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** One problem: its message already says where (row and column); add the value and the code. */
export const formatRowError = (error: RowError): string =>
  `  ${error.message}` +
  (error.value !== undefined && error.value !== null && error.value !== ''
    ? ` (value '${error.value.length > 60 ? `${error.value.slice(0, 60)}…` : error.value}')`
    : '') +
  ` [${error.code}]`;

const closingLine = (report: ImportReport): string => {
  if (report.dryRun) return '试运行，未写入 Dry run: nothing was written.';
  if (report.written) return '已写入 Written.';
  if (report.errors.some(isFileLevel) || report.validRows === 0) {
    return (
      '未写入任何数据 Nothing was written: the file as a whole cannot be read (see above); ' +
      'fix it and import again.'
    );
  }
  return (
    '未写入任何数据 Nothing was written: fix the rows above, ' +
    'or pass --skip-invalid to import only the valid rows.'
  );
};

/** The import report for people: what was read, what was rejected and why, what was written. */
export const formatImportReport = (report: ImportReport, limit = 50): string => {
  const out = [
    `导入 Import: ${report.file} (preset ${report.preset}, ${report.format}` +
      `${report.encoding ? `, ${report.encoding}` : ''})`,
    line('rows 行数', report.rows),
    line('valid rows 有效行', report.validRows),
    line('rejected rows 错误行', report.rejectedRows),
  ];
  if (report.errors.length > 0) {
    out.push(`错误 Errors (${report.errors.length}):`);
    out.push(...report.errors.slice(0, limit).map(formatRowError));
    if (report.errors.length > limit)
      out.push(`  … ${report.errors.length - limit} more (use --json FILE for all)`);
  }
  if (report.warnings.length > 0) {
    out.push(`警告 Warnings (${report.warnings.length}):`);
    out.push(...report.warnings.slice(0, limit).map(formatRowError));
    if (report.warnings.length > limit) out.push(`  … ${report.warnings.length - limit} more`);
  }
  if (report.counts) {
    for (const [entity, counts] of Object.entries(report.counts)) {
      if (counts.created + counts.updated + counts.unchanged === 0) continue;
      out.push(
        line(
          entity,
          `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
        ),
      );
    }
  }
  out.push(closingLine(report));
  return out.join('\n');
};

/** Portfolios in more than one currency: the others, never added to the first. */
const otherCurrencies = (report: CycleReport): string[] =>
  Object.values(report.portfolio.byCurrency)
    .filter((figures) => figures.currency !== report.portfolio.currency)
    .map(
      (figures) =>
        `  also in ${figures.currency}: ${figures.openInvoices} open ` +
        `${money(figures.openAmount, figures.currency)}, ${figures.overdueInvoices} overdue ` +
        `${money(figures.overdueAmount, figures.currency)}`,
    );

const REASON_ORDER: Array<[keyof CycleReport['reasons'], string]> = [
  ['cash_flow', '资金困难 cash flow'],
  ['oversight', '疏忽遗忘 oversight'],
  ['dispute', '质量/交付争议 dispute'],
  ['wilful', '恶意拖欠 wilful'],
  ['unknown', '未明 unknown'],
];

/** The collection run's summary for people. */
export const formatCycleReport = (report: CycleReport): string => {
  const { portfolio, cases, actions } = report;
  const out = [
    `回款 Huikuan collection run, as of ${report.asOf}`,
    `组合 Portfolio (${portfolio.currency}):`,
    line(
      'open invoices 未结发票',
      `${portfolio.openInvoices}  ${money(portfolio.openAmount, portfolio.currency)}`,
    ),
    line(
      'overdue invoices 逾期发票',
      `${portfolio.overdueInvoices}  ${money(portfolio.overdueAmount, portfolio.currency)}`,
    ),
    line('debtors with overdue 逾期客户', portfolio.debtorsWithOverdue),
    '账龄 Aging:',
    ...Object.entries(portfolio.aging).map(([bucket, figure]) =>
      line(
        `  ${bucket}`,
        `${String(figure.count).padStart(6)}  ${money(figure.amount, portfolio.currency)}`,
      ),
    ),
    ...otherCurrencies(report),
    `案件 Cases: ${cases.opened} opened, ${cases.updated} updated, ${cases.closed} closed, ` +
      `${cases.open} open (${cases.onHold} on hold: all overdue invoices disputed)`,
    `象限 Segments (ability x willingness): HH ${report.segments.HH} 有能力有意愿, ` +
      `HL ${report.segments.HL} 有能力无意愿, LH ${report.segments.LH} 无能力有意愿, ` +
      `LL ${report.segments.LL} 无能力无意愿`,
    `逾期原因 Reasons: ${REASON_ORDER.map(([key, label]) => `${label} ${report.reasons[key]}`).join(
      ', ',
    )}`,
    `动作 Actions: ${actions.planned} planned (${
      Object.entries(actions.byChannel)
        .map(([channel, count]) => `${channel} ${count}`)
        .join(', ') || 'none'
    })`,
    line('enqueued 入队', actions.enqueued),
    line('sent 已发送', actions.sent),
    line('tasks 待办任务', actions.tasks),
    line('failed 失败', actions.failed),
    line('unconfirmed 待确认', actions.unconfirmed),
    line('cancelled 取消', actions.cancelled),
    line('replanned by a new flow 按新流程改排', actions.replanned),
    `  by step 按步骤: ${countList(actions.byStep)}`,
    `  by kind 按类型: ${countList(actions.byKind)}`,
    ...refusedLines(actions.refused),
    `策略 Strategy: ${report.flow.file} v${report.flow.strategyVersion ?? '-'} ` +
      `(${report.flow.version.slice(0, 12)})`,
  ];
  return out.join('\n');
};

const countList = (byKey: Record<string, number>): string =>
  Object.entries(byKey)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key} ${count}`)
    .join(', ') || 'none 无';

const refusedLines = (refused: RefusedPlan[], limit = 20): string[] => {
  if (refused.length === 0) return [];
  return [
    `未采纳的计划 Refused plans (${refused.length}):`,
    ...refused
      .slice(0, limit)
      .map(
        (plan) =>
          `  case ${plan.caseKey} step ${plan.stepKey} (node ${plan.nodeId}): ${plan.reason}`,
      ),
    ...(refused.length > limit ? [`  … ${refused.length - limit} more (use --json FILE)`] : []),
  ];
};

/** A dry run's summary for people: what the flow would plan, nothing stored or sent. */
export const formatDryRun = (summary: {
  flow: string;
  asOf: string;
  cases: number;
  planned: { total: number; byStep: Record<string, number>; byChannel: Record<string, number> };
  decided: number;
  replanned: number;
  refused: RefusedPlan[];
}): string =>
  [
    `试运行 Dry run of ${summary.flow}, as of ${summary.asOf}: 未保存、未发送 nothing stored or sent`,
    line('cases 案件', summary.cases),
    line('would plan 将新计划', summary.planned.total - summary.replanned),
    line('would replan 将按新流程改排', summary.replanned),
    line('already planned 已计划', summary.decided - summary.planned.total),
    `  by step 按步骤: ${countList(summary.planned.byStep)}`,
    `  by channel 按渠道: ${countList(summary.planned.byChannel)}`,
    ...refusedLines(summary.refused),
  ].join('\n');

const pct = (share: number | null): string =>
  share === null ? '-' : `${(share * 100).toFixed(1)}%`;
const minorList = (byCurrency: Record<string, number>): string =>
  Object.entries(byCurrency)
    .map(([currency, minor]) => money(toMajor(minor, currency), currency))
    .join(' + ') || '0';

/** The backtest for people: per strategy and branch, what was sent, cost and what followed. */
export const formatBacktest = (report: BacktestResult): string => {
  const out = [
    `回测 Backtest of ${report.flow.file} (${report.flow.version.slice(0, 12)}), ` +
      `${report.from}..${report.to}, every ${report.stepDays} day(s): ${report.days} days, ` +
      `${report.casesOpened} cases opened`,
  ];
  for (const outcome of report.strategies) {
    out.push(
      `${outcome.strategy}${outcome.branch ? ` · ${outcome.branch}` : ''}: ${outcome.actions} actions on ` +
        `${outcome.casesTouched} cases (${countList(outcome.byChannel)}), cost ` +
        money(toMajor(outcome.costMinor, outcome.costCurrency), outcome.costCurrency),
    );
    for (const window of outcome.windows) {
      out.push(
        line(
          `  paid within ${window.days} d 其后${window.days}天内回款`,
          `${window.actionsFollowed} actions (${pct(window.shareFollowed)}), recovered ` +
            `${minorList(window.distinctRecoveredByCurrency)}, cost per unit recovered ` +
            `${window.costPerUnitRecovered === null ? '-' : window.costPerUnitRecovered.toFixed(4)}`,
        ),
      );
    }
  }
  const recovered = new Set(
    report.strategies.flatMap((outcome) =>
      outcome.windows.flatMap((window) => Object.keys(window.distinctRecoveredByCurrency)),
    ),
  );
  if (recovered.size > 0 && !recovered.has(report.costCurrency)) {
    out.push(
      `成本币种 ${report.costCurrency} 与回款币种 ${[...recovered].join('/')} 不同，未计算单位回款成本 / ` +
        `unit costs are in ${report.costCurrency}, recoveries in ${[...recovered].join('/')}: no cost ` +
        'per unit recovered (set costs.currency of the collection-strategy policy)',
    );
  }
  out.push(`注意 ${report.caveat['zh-CN']}`, `Note: ${report.caveat.en}`);
  return out.join('\n');
};

const testLine = (result: ChiSquareResult | WelchResult | TestNotRun): string =>
  result.ran
    ? `${result.test} (${result.measure}): statistic ${result.statistic.toFixed(3)}, df ` +
      `${result.degreesOfFreedom.toFixed(1)}, p = ${result.pValue.toPrecision(3)}, n = ` +
      `${Object.entries(result.sampleSizes)
        .map(([branch, n]) => `${branch} ${n}`)
        .join(' / ')}: ${result.significant ? 'significant 显著' : 'not significant 不显著'} ` +
      `at α = ${result.alpha}` +
      result.warnings.map((warning) => `\n      ! ${warning['zh-CN']} / ${warning.en}`).join('')
    : `${result.test} (${result.measure}): not run 未检验 — ${result.reason['zh-CN']} / ${result.reason.en}`;

/** The champion/challenger report for people. */
export const formatExperiments = (report: {
  asOf: string;
  experiments: ExperimentReport[];
}): string => {
  if (report.experiments.length === 0) {
    return `冠军/挑战者 Champion/challenger as of ${report.asOf}: no case has been assigned by a split yet 尚无分流案件`;
  }
  const out = [`冠军/挑战者 Champion/challenger as of ${report.asOf}`];
  for (const experiment of report.experiments) {
    out.push(
      `实验 Experiment ${experiment.experiment}: ${experiment.cases} cases, champion ${experiment.champion}, ` +
        `rates in ${experiment.mainCurrency}`,
    );
    for (const branch of experiment.branches) {
      out.push(
        line(
          `  ${branch.branch}${branch.champion ? ' (champion)' : ''}`,
          `${branch.cases} cases, recovery 回款率 ${pct(branch.recoveryRate)}, paid in full ` +
            `${branch.paidInFull} (${pct(branch.paidInFullShare)}), days to pay 回款天数 mean ` +
            `${branch.meanDaysToPay?.toFixed(1) ?? '-'} / median ${branch.medianDaysToPay ?? '-'}, ` +
            `cost per unit recovered ${branch.costPerUnitRecovered?.toFixed(4) ?? '-'}`,
        ),
      );
    }
    out.push(`    ${testLine(experiment.paidInFull)}`);
    for (const comparison of experiment.comparisons) {
      out.push(`    ${comparison.challenger} vs ${comparison.champion}:`);
      out.push(`      ${testLine(comparison.daysToPay)}`);
      out.push(`      ${testLine(comparison.caseRecoveryRate)}`);
    }
    for (const note of experiment.notes) out.push(`    · ${note['zh-CN']} / ${note.en}`);
  }
  return out.join('\n');
};
