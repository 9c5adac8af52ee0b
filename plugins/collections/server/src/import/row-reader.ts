import type { IsoDate, RowError } from '../domain/ledger';
import type { ColumnMap } from './columns';
import { issue, type IssueCode, type IssueParams } from './issues';
import type { Cell, SourceRow } from './types';
import {
  isFailure,
  MAX_AMOUNT_MINOR,
  parseDecimal,
  toMinorUnits,
  type AmountFailure,
} from './values/amounts';
import { parseBooleanCell } from './values/booleans';
import { formatMinor, resolveCurrency } from './values/currency';
import { parseDateCell } from './values/dates';
import { cellText, charLength, excelError, fold } from './values/text';

/** The database stores text fields as varchar(255); addresses are longer text. */
export const MAX_TEXT_LENGTH = 255;
export const MAX_ADDRESS_LENGTH = 2000;

export interface AmountOptions {
  /** Currency the row states in its own column, if any. */
  currency: string | null;
  /** Currency used when neither the row, the header nor the cell names one. */
  fallback: string;
  /** 'positive' rejects zero (invoice amounts); 'non-negative' accepts it; 'any' also negatives. */
  sign: 'positive' | 'non-negative' | 'any';
  required?: boolean;
}

export interface Money {
  minor: number;
  currency: string;
}

function failureDetail(failure: AmountFailure, currency: string): IssueParams {
  switch (failure.kind) {
    case 'not-a-number':
      return { detail: 'not a number', detailZh: '不是数字' };
    case 'unknown-symbol':
      return {
        detail: `unknown currency symbol '${failure.symbol}'`,
        detailZh: `无法识别的货币符号“${failure.symbol}”`,
      };
    case 'too-many-decimals':
      return {
        detail: `more than ${failure.digits} decimal places for ${currency}`,
        detailZh: `${currency} 最多只能有 ${failure.digits} 位小数`,
      };
    case 'too-large':
      return { detail: 'too large', detailZh: '数值过大' };
  }
}

/**
 * Reads typed values from one data row. Each getter records a problem against the row and
 * column instead of throwing, and remembers the parsed value for duplicate detection.
 */
export class RowReader {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];
  /** Parsed value per field read, in read order; failures keep the raw text. */
  readonly values = new Map<string, string>();

  constructor(
    readonly source: SourceRow,
    private readonly columns: ColumnMap,
    private readonly date1904: boolean,
  ) {}

  get row(): number {
    return this.source.row;
  }

  has(field: string): boolean {
    return this.columns.byField.has(field);
  }

  /** The header as written in the file, or the preset's label when the column is absent. */
  header(field: string): string {
    return this.columns.byField.get(field)?.header ?? this.columns.labels.get(field) ?? field;
  }

  /** The currency the column's header states ("金额(美元)"), if any. */
  currencyHint(field: string): string | null {
    return this.columns.byField.get(field)?.currencyHint ?? null;
  }

  cell(field: string): Cell {
    const column = this.columns.byField.get(field);
    return column ? (this.source.cells[column.index] ?? null) : null;
  }

  raw(field: string): string {
    return cellText(this.cell(field));
  }

  error(code: IssueCode, field: string | null, params?: IssueParams): null {
    this.errors.push(issue(code, this.row, field && this.header(field), params));
    return null;
  }

  warn(code: IssueCode, field: string | null, params?: IssueParams): void {
    this.warnings.push(issue(code, this.row, field && this.header(field), params));
  }

  /** What the cell shows, or null after reporting an Excel error (#N/A, #DIV/0!) in it. */
  shown(field: string): string | null {
    const value = this.raw(field);
    const shown = excelError(value);
    return shown === null ? value : this.failed(field, 'excel-error', { value: shown });
  }

  /** The folded text of a key column (ＱＡ０３４ → QA034), even when invalid; null if blank. */
  key(field: string): string | null {
    return fold(this.raw(field)) || null;
  }

  private blank(field: string, required: boolean): null {
    if (required && this.has(field)) this.error('missing-value', field, { value: '' });
    return null;
  }

  private failed(field: string, code: IssueCode, params: IssueParams = {}): null {
    const value = this.raw(field);
    this.values.set(field, `raw:${value}`);
    return this.error(code, field, { value, ...params });
  }

  private keep<T>(field: string, value: T, canonical = String(value)): T {
    this.values.set(field, canonical);
    return value;
  }

  /** Keeps a text value that fits the field, else reports 'value-too-long'. */
  private fitting(field: string, value: string, maxLength: number): string | null {
    const length = charLength(value);
    if (length <= maxLength) return this.keep(field, value);
    return this.failed(field, 'value-too-long', {
      other: String(length),
      expected: String(maxLength),
    });
  }

  text(field: string, required = false, maxLength = MAX_TEXT_LENGTH): string | null {
    const value = this.shown(field);
    if (value === null) return null;
    return value === '' ? this.blank(field, required) : this.fitting(field, value, maxLength);
  }

  /** A code or number used as a key: full-width letters and digits fold to half-width. */
  code(field: string, required = false, maxLength = MAX_TEXT_LENGTH): string | null {
    const value = this.shown(field);
    if (value === null) return null;
    return value === '' ? this.blank(field, required) : this.fitting(field, fold(value), maxLength);
  }

  date(field: string, required = false): IsoDate | null {
    const value = this.shown(field);
    if (value === null) return null;
    if (value === '') return this.blank(field, required);
    const date = parseDateCell(this.cell(field), this.date1904);
    return date === null ? this.failed(field, 'bad-date') : this.keep(field, date);
  }

  integer(field: string, required = false): number | null {
    const shown = this.shown(field);
    if (shown === null) return null;
    const value = fold(shown);
    if (value === '') return this.blank(field, required);
    return /^-?\d{1,9}$/.test(value)
      ? this.keep(field, Number(value))
      : this.failed(field, 'bad-number');
  }

  boolean(field: string, fallback: boolean | null, required = false): boolean | null {
    const shown = this.shown(field);
    if (shown === null) return null;
    if (shown === '') return required ? this.blank(field, true) : fallback;
    const value = parseBooleanCell(this.cell(field));
    return value === null ? this.failed(field, 'bad-boolean') : this.keep(field, value);
  }

  /** A currency column value as an ISO code; null when blank or unknown (then an error). */
  currency(field: string): string | null {
    const value = this.text(field);
    if (value === null) return null;
    const code = resolveCurrency(value);
    return code === null ? this.failed(field, 'bad-currency') : this.keep(field, code);
  }

  /** An amount that cannot be read; one beyond the safe range is 'amount-too-large'. */
  private badAmount(field: string, failure: AmountFailure, currency: string): null {
    if (failure.kind === 'too-large') return this.tooLarge(field, currency);
    return this.failed(field, 'bad-amount', failureDetail(failure, currency));
  }

  private tooLarge(field: string, currency: string): null {
    const expected = `${formatMinor(MAX_AMOUNT_MINOR, currency)} ${currency}`;
    return this.failed(field, 'amount-too-large', { expected });
  }

  private inRange(field: string, money: Money, sign: AmountOptions['sign']): Money | null {
    const { minor, currency } = money;
    if (Math.abs(minor) > MAX_AMOUNT_MINOR) return this.tooLarge(field, currency);
    if (minor < 0 && sign !== 'any') return this.failed(field, 'negative-amount');
    if (minor === 0 && sign === 'positive') return this.failed(field, 'non-positive-amount');
    return this.keep(field, money, `${minor} ${currency}`);
  }

  /**
   * Reads an amount in integer minor units. The currency is the row's, else the header's
   * ("金额(美元)"), else a symbol in the cell ("$12"), else the fallback; they must agree.
   */
  amount(field: string, options: AmountOptions): Money | null {
    const shown = this.shown(field);
    if (shown === null) return null;
    if (shown === '') return this.blank(field, options.required ?? false);
    const parsed = parseDecimal(this.cell(field));
    const hint = this.columns.byField.get(field)?.currencyHint ?? null;
    const stated = isFailure(parsed) ? null : parsed.currency;
    const currency = options.currency ?? hint ?? stated ?? options.fallback;
    if (isFailure(parsed)) return this.badAmount(field, parsed, currency);

    const clash = [hint, stated].find((named) => named !== null && named !== currency);
    if (clash) return this.failed(field, 'currency-mismatch', { other: clash, expected: currency });

    const minor = toMinorUnits(parsed, currency);
    if (isFailure(minor)) return this.badAmount(field, minor, currency);
    return this.inRange(field, { minor, currency }, options.sign);
  }
}
