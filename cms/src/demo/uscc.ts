/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
 * whose last one is a check character; the organisation code inside it carries
 * its own check (GB 11714). The demo makes valid ones so they look real.
 */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const orgCheck = (body: string): string => {
  const sum = [...body].reduce(
    (total, char, index) => total + USCC_ALPHABET.indexOf(char) * (ORG_WEIGHTS[index] as number),
    0,
  );
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
};

const usccCheck = (body: string): string => {
  const sum = [...body].reduce(
    (total, char, index) => total + USCC_ALPHABET.indexOf(char) * (USCC_WEIGHTS[index] as number),
    0,
  );
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check] as string;
};

/** Builds a code from a 6-digit division code and an 8-digit organisation body. */
export const makeUscc = (division: string, organisation: string): string => {
  const org = `${organisation}${orgCheck(organisation)}`;
  const body = `91${division}${org}`;
  return `${body}${usccCheck(body)}`;
};

export const isValidUscc = (code: string): boolean =>
  /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) &&
  usccCheck(code.slice(0, 17)) === code[17] &&
  (orgCheck(code.slice(8, 16)) === code[16] || !/^\d{8}$/.test(code.slice(8, 16)));
