/**
 * Champion/challenger splits. A case's branch is random but stable: the hash of
 * `${experiment}:${caseId}` picks a point in [0, total weight), and the branches own
 * consecutive ranges of that line in their configured order (cumulative boundaries).
 *
 * - The same case always takes the same branch of an experiment; node ids play no part, so a
 *   copied or re-created node keeps the assignment as long as the experiment name stays.
 * - Changing shares only moves the boundaries: a case changes branch only if its point lies
 *   between an old and a new boundary. Going from 90/10 to 80/20 moves a tenth of the cases,
 *   all from the first branch to the second. Reordering branches or renaming the experiment
 *   reshuffles everything; renaming a branch moves nothing.
 * - The hash is FNV-1a (32 bit) over the UTF-8 bytes, followed by the MurmurHash3 finaliser
 *   (fmix32) so that ids differing only in their last characters spread over the whole range.
 *   Changing it would reassign every running experiment: keep it as it is.
 */

export interface SplitBranch {
  /** A key: letters, digits, '-', '_' and '.'. */
  name: string;
  /** A weight: a whole number from 1 to MAX_SHARE; percentages are weights adding up to 100. */
  share: number;
}

export interface SplitConfig {
  /** The stable experiment name, part of the hash. */
  experiment: string;
  branches: SplitBranch[];
}

export const MIN_BRANCHES = 2;
export const MAX_BRANCHES = 20;
/** Keeps hash x total weight below 2^53, so the arithmetic stays exact. */
export const MAX_SHARE = 10_000;

const KEY = /^[A-Za-z0-9._-]{1,64}$/;

export type SplitProblem =
  | 'experiment-missing'
  | 'experiment-invalid'
  | 'branches-too-few'
  | 'branches-too-many'
  | 'branch-name-invalid'
  | 'branch-name-duplicate'
  | 'share-invalid';

export type SplitConfigResult =
  { config: SplitConfig; problem?: never } | { problem: SplitProblem };

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function readShare(raw: unknown): number | null {
  const share = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return Number.isSafeInteger(share) && (share as number) >= 1 && (share as number) <= MAX_SHARE
    ? (share as number)
    : null;
}

/** The first problem of a branch list, or the branches with trimmed names. */
function parseBranches(raw: unknown): SplitBranch[] | SplitProblem {
  if (!Array.isArray(raw) || raw.length < MIN_BRANCHES) return 'branches-too-few';
  if (raw.length > MAX_BRANCHES) return 'branches-too-many';

  const branches: SplitBranch[] = [];
  const seen = new Set<string>();
  for (const entry of raw as unknown[]) {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as SplitBranch;
    const name = trimmed(record.name);
    if (!KEY.test(name)) return 'branch-name-invalid';
    if (seen.has(name.toLowerCase())) return 'branch-name-duplicate';
    seen.add(name.toLowerCase());
    const share = readShare(record.share);
    if (share === null) return 'share-invalid';
    branches.push({ name, share });
  }
  return branches;
}

/**
 * Checks a split: an experiment key, 2 to 20 branches with unique names (ignoring case) and
 * shares that are whole numbers from 1 to 10,000.
 */
export function parseSplitConfig(raw: {
  experiment?: unknown;
  branches?: unknown;
}): SplitConfigResult {
  const experiment = trimmed(raw.experiment);
  if (experiment === '') return { problem: 'experiment-missing' };
  if (!KEY.test(experiment)) return { problem: 'experiment-invalid' };

  const branches = parseBranches(raw.branches);
  if (typeof branches === 'string') return { problem: branches };
  return { config: { experiment, branches } };
}

/** Read once: a global lookup per byte is slow inside vm contexts such as Jest's. */
const imul = Math.imul;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const fnvStep = (hash: number, byte: number): number => imul(hash ^ byte, FNV_PRIME) >>> 0;

/** FNV-1a, 32 bit, over the UTF-8 encoding of `text` (lone surrogates count as U+FFFD). */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    let code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;

    if (code < 0x80) {
      hash = fnvStep(hash, code);
    } else if (code < 0x800) {
      hash = fnvStep(fnvStep(hash, 0xc0 | (code >> 6)), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      hash = fnvStep(hash, 0xe0 | (code >> 12));
      hash = fnvStep(fnvStep(hash, 0x80 | ((code >> 6) & 0x3f)), 0x80 | (code & 0x3f));
    } else {
      hash = fnvStep(fnvStep(hash, 0xf0 | (code >> 18)), 0x80 | ((code >> 12) & 0x3f));
      hash = fnvStep(fnvStep(hash, 0x80 | ((code >> 6) & 0x3f)), 0x80 | (code & 0x3f));
    }
  }
  return hash;
}

/** The MurmurHash3 32-bit finaliser: every input bit affects every output bit. */
function fmix32(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The split hash of a text: an unsigned 32-bit integer. */
export const splitHash = (text: string): number => fmix32(fnv1a32(text));

/** Returns the index of the branch a case takes; computes the boundaries once. */
export function createSplitter(config: SplitConfig): (caseId: string) => number {
  const prefix = `${config.experiment}:`;
  const ends: number[] = [];
  let total = 0;
  for (const { share } of config.branches) ends.push((total += share));

  return (caseId) => {
    // hash < 2^32 and total <= 2^18, so the product is an exact integer
    const point = Math.floor((splitHash(prefix + caseId) * total) / 2 ** 32);
    let index = 0;
    while (point >= (ends[index] as number)) index++;
    return index;
  };
}

/** Each branch's part of the cases, e.g. [90, 10] for shares 9 and 1, in percent. */
export function sharePercents(branches: readonly SplitBranch[]): number[] {
  const total = branches.reduce((sum, { share }) => sum + share, 0);
  return branches.map(({ share }) => (share * 100) / total);
}
