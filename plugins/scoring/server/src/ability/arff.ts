/**
 * A reader for dense Weka ARFF files (the Polish bankruptcy data): the `@relation` and
 * `@attribute` header is read line by line, the `@data` rows with csv-parse. `?` is a
 * missing value. Every error names the file line it comes from.
 */
import fs from 'node:fs/promises';

import { CsvError, parse } from 'csv-parse/sync';

export type ArffAttribute =
  { name: string; type: 'numeric' } | { name: string; type: 'nominal'; values: string[] };

/** A cell: a number for numeric attributes, one of the listed values for nominal ones. */
export type ArffValue = number | string | null;

export interface ArffData {
  relation: string;
  attributes: ArffAttribute[];
  rows: ArffValue[][];
  /** The file line of each row, for messages about a row. */
  rowLines: number[];
}

/** The file is not ARFF we can read; `line` is 1-based. */
export class ArffError extends Error {
  override name = 'ArffError';

  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}, line ${line}: ${detail}`);
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A name, quoted or not, and the rest of the declaration after it. */
const splitName = (text: string): [name: string, rest: string] | null => {
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const end = text.indexOf(quote, 1);
    return end < 0 ? null : [text.slice(1, end), text.slice(end + 1).trim()];
  }
  const match = /^(\S+)\s*(.*)$/.exec(text);
  return match ? [match[1] as string, match[2] as string] : null;
};

const parseAttribute = (declaration: string, fail: (detail: string) => never): ArffAttribute => {
  const parts = splitName(declaration);
  if (!parts || parts[1] === '') fail(`cannot read the attribute declaration "${declaration}"`);
  const [name, type] = parts;
  if (/^(numeric|real|integer)$/i.test(type)) return { name, type: 'numeric' };
  if (type.startsWith('{') && type.endsWith('}')) {
    const values = type
      .slice(1, -1)
      .split(',')
      .map((value) => value.trim().replace(/^(['"])(.*)\1$/, '$2'));
    return { name, type: 'nominal', values };
  }
  return fail(`attribute ${name} has type "${type}"; only numeric and nominal are supported`);
};

interface Header {
  relation: string;
  attributes: ArffAttribute[];
  /** Line number of `@data`; data lines are numbered from the next one. */
  dataLine: number;
  dataText: string;
}

const readHeader = (text: string, source: string): Header => {
  const lines = text.split(/\r?\n/);
  let relation = '';
  const attributes: ArffAttribute[] = [];
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const fail = (detail: string): never => {
      throw new ArffError(source, index + 1, detail);
    };
    if (line === '' || line.startsWith('%')) continue;
    const [keyword = '', ...restWords] = line.split(/\s+/);
    const rest = line.slice(keyword.length).trim();
    switch (keyword.toLowerCase()) {
      case '@relation':
        relation = splitName(rest)?.[0] ?? rest;
        break;
      case '@attribute':
        attributes.push(parseAttribute(rest, fail));
        break;
      case '@data':
        if (restWords.length > 0) fail('data rows must start on the line after @data');
        if (attributes.length === 0) fail('@data comes before any @attribute');
        return {
          relation,
          attributes,
          dataLine: index + 1,
          dataText: lines.slice(index + 1).join('\n'),
        };
      default:
        fail(`expected @relation, @attribute or @data, found "${line.slice(0, 40)}"`);
    }
  }
  throw new ArffError(source, lines.length, 'the file has no @data section');
};

const readCell = (
  cell: string,
  attribute: ArffAttribute,
  fail: (detail: string) => never,
): ArffValue => {
  if (cell === '?') return null;
  if (attribute.type === 'numeric') {
    const value = Number(cell);
    if (!NUMBER.test(cell) || !Number.isFinite(value)) {
      fail(`${attribute.name} is "${cell}", not a number or ?`);
    }
    return value;
  }
  if (!attribute.values.includes(cell)) {
    fail(`${attribute.name} is "${cell}", not one of {${attribute.values.join(',')}}`);
  }
  return cell;
};

/** Parses ARFF text; `source` names the file in error messages. */
export const parseArff = (text: string, source = 'ARFF input'): ArffData => {
  const header = readHeader(text.replace(/^\uFEFF/, ''), source);
  const rowLines: number[] = [];
  let records: string[][];
  try {
    records = parse(header.dataText, {
      comment: '%',
      quote: "'",
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], { lines }) => {
        rowLines.push(header.dataLine + lines);
        return record;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 0;
    throw new ArffError(source, header.dataLine + line, error.message);
  }

  const width = header.attributes.length;
  const rows = records.map((record, index) => {
    const fail = (detail: string): never => {
      throw new ArffError(source, rowLines[index] as number, detail);
    };
    if (record[0]?.startsWith('{')) fail('sparse rows ({index value, ...}) are not supported');
    if (record.length !== width) fail(`expected ${width} values, found ${record.length}`);
    return record.map((cell, column) =>
      readCell(cell, header.attributes[column] as ArffAttribute, fail),
    );
  });
  return { relation: header.relation, attributes: header.attributes, rows, rowLines };
};

export const readArffFile = async (file: string): Promise<ArffData> =>
  parseArff(await fs.readFile(file, 'utf8'), file);
