import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface ExtractedPdf {
  /** All pages, with pdf-parse's page separators. */
  text: string;
  pageTexts: string[];
  pages: number;
  /** The document info dictionary as pdf.js reads it (dates stay `D:YYYYMMDDHHmmSSZ`). */
  info: Record<string, unknown>;
}

/** Extracts a PDF's text with pdf-parse, in a child process (see extract-pdf.cjs). */
export const extractPdf = (pdf: Buffer): ExtractedPdf => {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'extract-pdf.cjs')], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString('utf8')) as ExtractedPdf;
};

/**
 * One space between words: pdf-parse puts a tab between cells it sees apart, and
 * keeps the no-break space Intl writes after a currency code.
 */
export const plain = (text: string): string => text.replace(/[\t\u00a0 ]+/g, ' ');
