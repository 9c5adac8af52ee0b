import fs from 'node:fs';
import path from 'node:path';

import { UsageError } from './args';

/** A flow by name (flows/strategies/NAME.json) or by path. */
export const resolveFlowFile = (flow: string, strategiesDir: string): string => {
  const candidates = [path.resolve(flow), path.join(strategiesDir, `${flow}.json`)].filter(
    (candidate) => candidate.endsWith('.json'),
  );
  const found = candidates.find(
    (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
  );
  if (found) return found;
  const names = fs.existsSync(strategiesDir)
    ? fs
        .readdirSync(strategiesDir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.replace(/\.json$/, ''))
    : [];
  throw new UsageError(
    `--flow '${flow}' is neither a .json flow file nor a strategy in ${strategiesDir} ` +
      `(there: ${names.join(', ') || 'none'}) / 找不到该策略`,
  );
};
