import type { IssueLog, IssueParams } from './issues';
import type { SourceRow, SourceTable } from './types';
import { resolveCurrency } from './values/currency';
import { cellText, headerKey, isBlank, splitHeaderUnit } from './values/text';

/** One field a preset reads, and the header names it is known by. */
export interface ColumnSpec {
  field: string;
  /** Name used in messages when the column is missing. */
  label: string;
  aliases: string[];
  required?: boolean;
  /** Bracketed units the header may carry: "金额(元)", "Amount (USD)", "账期(天)". */
  units?: 'money' | 'days';
}

export interface ColumnLayout {
  specs: ColumnSpec[];
  /** Headers that are recognised and skipped on purpose (备注, 序号). */
  ignored?: string[];
  /** Groups of fields of which at least one column must be present. */
  requiredAnyOf?: string[][];
}

export interface MappedColumn {
  index: number;
  header: string;
  /** Currency stated in the header ("金额(美元)"), if any. */
  currencyHint: string | null;
}

export interface ColumnMap {
  byField: Map<string, MappedColumn>;
  labels: Map<string, string>;
  width: number;
}

type Resolved = { spec: ColumnSpec; currencyHint: string | null } | 'ignored' | null;

const DAY_UNITS = new Set(['天', '日', 'day', 'days']);

function unitHint(spec: ColumnSpec, unit: string): { currencyHint: string | null } | null {
  if (unit === '') return { currencyHint: null };
  if (spec.units === 'days' && DAY_UNITS.has(unit.toLowerCase())) return { currencyHint: null };
  const currency = spec.units === 'money' ? resolveCurrency(unit) : null;
  return currency ? { currencyHint: currency } : null;
}

/** Builds a header resolver for a layout: exact alias first, then alias plus bracketed unit. */
export function headerResolver(layout: ColumnLayout): (header: string) => Resolved {
  const byKey = new Map<string, ColumnSpec>();
  for (const spec of layout.specs) {
    for (const alias of [spec.label, ...spec.aliases]) byKey.set(headerKey(alias), spec);
  }
  const ignored = new Set((layout.ignored ?? []).map(headerKey));

  return (header) => {
    const key = headerKey(header);
    const spec = byKey.get(key);
    if (spec) return { spec, currencyHint: null };
    if (ignored.has(key)) return 'ignored';

    const split = splitHeaderUnit(header);
    if (!split) return null;
    const base = headerKey(split.base);
    if (ignored.has(base)) return 'ignored';
    const baseSpec = byKey.get(base);
    const hint = baseSpec ? unitHint(baseSpec, split.unit) : null;
    return baseSpec && hint ? { spec: baseSpec, ...hint } : null;
  };
}

/** Spreadsheet column letter for a zero-based index (0 → A, 27 → AB). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

const sampleHeaders = (layout: ColumnLayout): string =>
  layout.specs
    .slice(0, 10)
    .map((spec) => spec.label)
    .join(', ');

/** Title lines of 用友/金蝶 exports sit above the header; it is looked for in this many rows. */
const HEADER_SEARCH_ROWS = 10;
/** A header names at least this many known columns; a title line names at most one. */
const MIN_KNOWN_HEADERS = 2;

const HEADER_HINT: IssueParams = {
  detail:
    `no row among the first ${HEADER_SEARCH_ROWS} names two known columns: ` +
    'the header must be one of the first rows',
  detailZh: `前 ${HEADER_SEARCH_ROWS} 行中没有一行包含两个已知列名：表头必须位于文件的前几行`,
};

type Resolver = ReturnType<typeof headerResolver>;

function knownHeaders(row: SourceRow, resolve: Resolver): number {
  const fields = new Set<string>();
  for (const cell of row.cells) {
    const resolved = resolve(cellText(cell));
    if (resolved && resolved !== 'ignored') fields.add(resolved.spec.field);
  }
  return fields.size;
}

/** The filled cells of the title rows, each text once (merged cells repeat it). */
const titleText = (rows: SourceRow[]): string =>
  rows.map((row) => [...new Set(row.cells.map(cellText).filter(Boolean))].join(' ')).join(' | ');

export interface HeaderSearch {
  table: SourceTable;
  /** False when no row qualified and the first row was kept as the header. */
  found: boolean;
}

/**
 * Picks the header: the first of the first 10 non-blank rows that names at least two known
 * columns. Rows above it are titles, skipped with one 'title-rows-skipped' warning.
 */
export function findHeader(table: SourceTable, layout: ColumnLayout, log: IssueLog): HeaderSearch {
  const resolve = headerResolver(layout);
  const rows = [table.header, ...table.rows];
  const index = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => knownHeaders(row, resolve) >= MIN_KNOWN_HEADERS);
  const header = rows[index];
  if (index <= 0 || !header) return { table, found: index === 0 };

  const titles = rows.slice(0, index);
  log.warn('title-rows-skipped', header.row, null, {
    value: titleText(titles),
    other: String(titles.length),
  });
  return { table: { ...table, header, rows: rows.slice(index + 1) }, found: true };
}

function reportMissing(
  layout: ColumnLayout,
  map: ColumnMap,
  log: IssueLog,
  row: number,
  hint: IssueParams,
): void {
  const groups = [
    ...layout.specs.filter((spec) => spec.required).map((spec) => [spec.field]),
    ...(layout.requiredAnyOf ?? []),
  ];
  for (const group of groups) {
    if (group.some((field) => map.byField.has(field))) continue;
    const specs = layout.specs.filter((spec) => group.includes(spec.field));
    const column = specs.map((spec) => spec.label).join(' | ');
    const list = specs.flatMap((spec) => [spec.label, ...spec.aliases].slice(0, 5)).join(', ');
    log.error('missing-column', row, column, { list, ...hint });
  }
}

/**
 * Maps header cells to preset fields, reporting unknown, duplicate and missing columns; when
 * the header was not found (`headerFound` false) the errors say where it must be.
 */
export function mapColumns(
  table: SourceTable,
  layout: ColumnLayout,
  log: IssueLog,
  headerFound = true,
): ColumnMap {
  const resolve = headerResolver(layout);
  const hint = headerFound ? {} : HEADER_HINT;
  const { row, cells } = table.header;
  const labels = new Map(layout.specs.map((spec) => [spec.field, spec.label]));
  const map: ColumnMap = { byField: new Map(), labels, width: cells.length };

  cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === '') {
      const used = table.rows.some((data) => !isBlank(data.cells[index] ?? null));
      if (used) log.warn('blank-header', row, null, { value: columnLetter(index) });
      return;
    }
    const resolved = resolve(header);
    if (resolved === 'ignored') return;
    if (resolved === null) {
      const list = sampleHeaders(layout);
      log.error('unknown-header', row, header, { value: header, list, ...hint });
      return;
    }
    const earlier = map.byField.get(resolved.spec.field);
    if (earlier) {
      log.error('duplicate-column', row, header, { value: header, other: earlier.header });
      return;
    }
    map.byField.set(resolved.spec.field, { index, header, currencyHint: resolved.currencyHint });
  });

  reportMissing(layout, map, log, row, hint);
  return map;
}
