import { ArffError, parseArff } from '../arff';

const HEADER = [
  '% a comment before the header',
  "@relation 'tiny'",
  '',
  '@attribute Attr1 numeric',
  '@attribute "Attr 2" REAL',
  '@attribute class {0,1}',
  '',
  '@data',
];

const arff = (...rows: string[]): string => [...HEADER, ...rows].join('\r\n');

const errorOf = (text: string): ArffError => {
  try {
    parseArff(text, 'tiny.arff');
  } catch (error) {
    if (error instanceof ArffError) return error;
    throw error;
  }
  throw new Error('expected an ArffError');
};

describe('ARFF reading', () => {
  it('reads the header, numbers, ? as missing and nominal values, with CRLF lines', () => {
    const data = parseArff(arff('0.5,-1.25e2,0', '% a comment row', '?,3,1', ''));
    expect(data.relation).toBe('tiny');
    expect(data.attributes).toEqual([
      { name: 'Attr1', type: 'numeric' },
      { name: 'Attr 2', type: 'numeric' },
      { name: 'class', type: 'nominal', values: ['0', '1'] },
    ]);
    expect(data.rows).toEqual([
      [0.5, -125, '0'],
      [null, 3, '1'],
    ]);
    expect(data.rowLines).toEqual([9, 11]);
  });

  it('names the line of a row with too few values', () => {
    const error = errorOf(arff('1,2,0', '1,2'));
    expect(error.line).toBe(10);
    expect(error.message).toBe('tiny.arff, line 10: expected 3 values, found 2');
  });

  it('names the line and attribute of a value that is not a number', () => {
    const error = errorOf(arff('1,2,0', '', '1,abc,1'));
    expect(error.line).toBe(11);
    expect(error.message).toContain('Attr 2 is "abc", not a number or ?');
  });

  it('rejects a nominal value outside its list', () => {
    expect(errorOf(arff('1,2,2')).message).toContain('class is "2", not one of {0,1}');
  });

  it('rejects an unclosed quote with its line', () => {
    const error = errorOf(arff('1,2,0', "1,'2,0"));
    expect(error.line).toBeGreaterThanOrEqual(10);
    expect(error.message).toContain('Quote Not Closed');
  });

  it('rejects sparse rows, unsupported types and a missing @data section', () => {
    expect(errorOf(arff('{0 1, 2 1}')).message).toContain('sparse rows');
    expect(errorOf('@relation r\n@attribute d date\n@data\n').message).toContain(
      'only numeric and nominal are supported',
    );
    expect(errorOf('@relation r\n@attribute a numeric\n').message).toContain('no @data section');
    expect(errorOf('@relation r\nAttr1 numeric\n@data\n').line).toBe(2);
  });
});
