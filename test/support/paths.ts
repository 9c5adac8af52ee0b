import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the folder whose package.json is the `huikuan` workspace. */
export const repoRoot = ((): string => {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'huikuan'
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no huikuan workspace above ${__dirname}`);
    dir = parent;
  }
})();

/** The read-only public data beside the repository (never copied into it). */
export const sharedDir = process.env.HUIKUAN_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

export const ibmReceivablesCsv = path.join(
  sharedDir,
  'data',
  'ibm-accounts-receivable',
  'WA_Fn-UseC_-Accounts-Receivable.csv',
);

/** The plain days-past-due ladder (one step per bracket), which the spine's tests assert on. */
export const dpdLadderFlow = path.join(repoRoot, 'flows', 'strategies', 'dpd-ladder.json');
