import { PermanentDispatchError } from '../errors';

/** A recipient's mobile number in the two forms the SMS providers take. */
export interface MobileNumber {
  /** Country code and national number, digits only (8613800138000): SMPP TON 1 / NPI 1. */
  international: string;
  /** The 11-digit national number of a mainland China mobile, else null. */
  mainland: string | null;
}

/** Mainland mobile numbers: 11 digits, 1 then 3-9. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** E.164 allows 15 digits at most; fewer than 8 is no mobile number anywhere. */
const E164 = /^[1-9]\d{7,14}$/;

const invalid = (raw: string): PermanentDispatchError =>
  new PermanentDispatchError(`'${raw}' is not a plausible mobile number`, 'invalid-number');

/** The international digits of a number written with +, 00, 86 or nothing in front. */
const internationalDigits = (compact: string): string | null => {
  if (/^\+\d+$/.test(compact)) return compact.slice(1);
  if (/^00\d+$/.test(compact)) return compact.slice(2);
  if (MAINLAND_MOBILE.test(compact)) return `86${compact}`;
  if (/^86\d{11}$/.test(compact)) return compact;
  return null;
};

/**
 * Normalises a recipient number: mainland numbers such as 13800138000,
 * +86 138-0013-8000 or 0086 13800138000 become 8613800138000; other
 * countries need + or 00 in front. Anything else is a permanent failure.
 */
export const normaliseMobileNumber = (raw: string): MobileNumber => {
  const compact = raw.trim().replace(/[\s\u00a0\-().]/g, '');
  const digits = internationalDigits(compact);
  if (digits === null || !E164.test(digits)) throw invalid(raw);

  // 86 is China's code and no other country code starts with it.
  if (!digits.startsWith('86')) return { international: digits, mainland: null };
  const national = digits.slice(2);
  if (!MAINLAND_MOBILE.test(national)) throw invalid(raw);
  return { international: digits, mainland: national };
};
