import type { FieldError } from './ledger';

/** The fields of a referral that describe the hand-off itself and never change after it. */
export const REFERRAL_FIXED_FIELDS = [
  'kind',
  'claimAmount',
  'currency',
  'referralKey',
  'actionKey',
] as const;

/** A referral in one of these states has ended and must say when. */
export const REFERRAL_ENDED_STATES = ['recovered', 'returned', 'closed'] as const;

type Values = Record<string, unknown>;

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Compares stored and given values as the same text: a biginteger comes back as a string. */
const sameValue = (stored: unknown, given: unknown): boolean =>
  isBlank(stored) && isBlank(given) ? true : String(stored ?? '') === String(given ?? '');

/** The value after the save: the given one when the save sets the field, else the stored one. */
const after = (stored: Values | null, data: Values, field: string): unknown =>
  Object.prototype.hasOwnProperty.call(data, field) ? data[field] : stored?.[field];

const dayOf = (value: unknown): string | null => {
  if (isBlank(value)) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
};

const fixedFieldErrors = (stored: Values, data: Values): FieldError[] =>
  REFERRAL_FIXED_FIELDS.filter(
    (field) =>
      Object.prototype.hasOwnProperty.call(data, field) && !sameValue(stored[field], data[field]),
  ).map((field) => ({
    path: field,
    message: `移交后不能修改 ${field} / ${field} cannot change after the hand-off`,
  }));

const amountErrors = (data: Values): FieldError[] => {
  const errors: FieldError[] = [];
  for (const field of ['recoveredAmount', 'feeFixed']) {
    const value = data[field];
    if (!isBlank(value) && !(Number(value) >= 0)) {
      errors.push({ path: field, message: `${field} 不能为负数 / ${field} cannot be negative` });
    }
  }
  const percent = data.feePercent;
  if (!isBlank(percent) && !(Number(percent) >= 0 && Number(percent) <= 100)) {
    errors.push({
      path: 'feePercent',
      message: 'feePercent 须在 0 到 100 之间 / feePercent must be between 0 and 100',
    });
  }
  return errors;
};

const dateErrors = (stored: Values | null, data: Values): FieldError[] => {
  const status = String(after(stored, data, 'referralStatus') ?? '');
  const closedOn = dayOf(after(stored, data, 'closedOn'));
  const openedOn = dayOf(after(stored, data, 'openedOn'));
  if ((REFERRAL_ENDED_STATES as readonly string[]).includes(status) && closedOn === null) {
    return [
      {
        path: 'closedOn',
        message: `状态为 ${status} 时须填写结案日期 / closedOn is required when referralStatus is ${status}`,
      },
    ];
  }
  if (closedOn !== null && openedOn !== null && closedOn < openedOn) {
    return [
      {
        path: 'closedOn',
        message: `结案日期 ${closedOn} 早于移交日期 ${openedOn} / closedOn ${closedOn} is before openedOn ${openedOn}`,
      },
    ];
  }
  return [];
};

/**
 * What is wrong with saving `data` over the `stored` referral (null when it is being created):
 * the hand-off's own fields (kind, claim, currency, keys) are fixed once made, amounts are not
 * negative, the fee percentage is a percentage, and an ended referral says when it ended, not
 * before it opened. Each error names its field, in zh-CN then en.
 */
export const referralProblems = (stored: Values | null, data: Values): FieldError[] => [
  ...(stored ? fixedFieldErrors(stored, data) : []),
  ...amountErrors(data),
  ...dateErrors(stored, data),
];
