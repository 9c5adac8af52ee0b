import path from 'node:path';

/** The repository root, six folders above this one. */
export const repoRoot = path.resolve(__dirname, '../../../../../..');

/** The Polish bankruptcy data beside the repository (never copied into it). */
export const polishDataDir = path.resolve(repoRoot, '../shared/data/polish-bankruptcy');
