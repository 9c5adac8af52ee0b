/**
 * One file of the Polish companies bankruptcy data (UCI; see
 * /shared/data/polish-bankruptcy/SOURCE.md): 64 ratios per company and whether it went
 * bankrupt. The data stay outside the repository; callers pass the folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { ArffError, parseArff } from './arff';
import { POLISH_ATTRIBUTES, type PolishAttribute } from './polish-features';

export interface PolishDataset {
  /** The file's name, e.g. 1year.arff (not its path, so results do not depend on a machine). */
  file: string;
  sha256: string;
  /** One row per company, cells in POLISH_ATTRIBUTES order; null is a missing value. */
  rows: Array<Array<number | null>>;
  /** 1 = went bankrupt within the forecasting period. */
  labels: Array<0 | 1>;
}

/** The two files the evaluation uses. */
export const POLISH_FILES = ['1year.arff', '5year.arff'] as const;

/** Reads and checks one data file: Attr1..Attr64 numeric, then class {0,1}. */
export const readPolishDataset = async (file: string): Promise<PolishDataset> => {
  const content = await fs.readFile(file);
  const arff = parseArff(content.toString('utf8'), file);
  const names = arff.attributes.map((attribute) => attribute.name);
  const expected = [...POLISH_ATTRIBUTES, 'class'];
  const classAttribute = arff.attributes[64];
  const numeric = arff.attributes.slice(0, 64).every((attribute) => attribute.type === 'numeric');
  const binaryClass =
    classAttribute?.type === 'nominal' && classAttribute.values.join(',') === '0,1';
  if (names.join(',') !== expected.join(',') || !numeric || !binaryClass) {
    throw new ArffError(file, 1, 'expected numeric Attr1..Attr64 followed by class {0,1}');
  }

  const rows: Array<Array<number | null>> = [];
  const labels: Array<0 | 1> = [];
  arff.rows.forEach((row, index) => {
    const label = row[64];
    if (label !== '0' && label !== '1') {
      throw new ArffError(file, arff.rowLines[index] ?? 0, 'the class (0 or 1) is missing');
    }
    rows.push(row.slice(0, 64) as Array<number | null>);
    labels.push(label === '1' ? 1 : 0);
  });
  const sha256 = createHash('sha256').update(content).digest('hex');
  return { file: path.basename(file), sha256, rows, labels };
};

/** The column of each attribute in a dataset row. */
export const attributeColumn = (name: PolishAttribute): number => {
  const column = POLISH_ATTRIBUTES.indexOf(name);
  if (column < 0) throw new RangeError(`${name} is not a Polish data set attribute`);
  return column;
};
