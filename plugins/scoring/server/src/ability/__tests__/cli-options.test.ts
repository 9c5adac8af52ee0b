import path from 'node:path';

import { UsageError, readOptions } from '../../cli/bankruptcy';

import { polishDataDir, repoRoot } from './paths';

describe('model:bankruptcy options', () => {
  it('defaults to the shared data beside the repository and the shipped model path', () => {
    expect(readOptions([])).toEqual({
      dataDir: polishDataDir,
      out: path.join(repoRoot, 'plugins/scoring/models/bankruptcy-v1.json'),
      seed: 1,
      folds: 5,
      json: null,
    });
  });

  it('resolves given paths against the working directory', () => {
    const options = readOptions(['--data', 'd', '--out=m.json', '--json', 'r.json', '--seed', '7']);
    expect(options).toEqual({
      dataDir: path.resolve('d'),
      out: path.resolve('m.json'),
      seed: 7,
      folds: 5,
      json: path.resolve('r.json'),
    });
  });

  it.each([
    [['--seed', 'x'], '--seed must be a whole number'],
    [['--folds', '1'], '--folds must be a whole number of at least 2'],
    [['--folds', '2.5'], '--folds must be a whole number'],
    [['--iterations', '3'], "Unknown option '--iterations'"],
    [['extra'], 'positional'],
  ])('refuses %j', (argv, message) => {
    expect(() => readOptions(argv)).toThrow(UsageError);
    expect(() => readOptions(argv)).toThrow(message);
  });
});
