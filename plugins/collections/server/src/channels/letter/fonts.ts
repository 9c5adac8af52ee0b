import fs from 'node:fs';
import path from 'node:path';

/**
 * The CJK fonts every letter embeds: Source Han Sans SC (SIL OFL) from the npm
 * package, read from node_modules and never copied into the repository.
 */
export const FONT_PACKAGE = 'node-source-han-sans-sc';
const FILES = {
  regular: 'SourceHanSansSC-Regular.otf',
  bold: 'SourceHanSansSC-Bold.otf',
} as const;

export interface LetterFonts {
  regular: Buffer;
  bold: Buffer;
}

/**
 * A font parsed once by fontkit, which pdfkit takes wherever it takes a file
 * (it checks for a `layout` function); typed as what pdfkit's types accept.
 */
export type FontFace = PDFKit.Mixins.PDFFontSource;

interface Fontkit {
  create(data: Uint8Array): unknown;
}

let cachedFiles: LetterFonts | null = null;
let cachedFaces: { regular: FontFace; bold: FontFace } | null = null;

/** Reads one font file of a package; a missing package is named in the error. */
export const readFontFile = (file: string, packageName: string = FONT_PACKAGE): Buffer => {
  let fontPath: string;
  try {
    fontPath = require.resolve(`${packageName}/${file}`);
  } catch {
    throw new Error(
      `找不到字体 ${file}：请安装 npm 包 ${packageName} ` +
        `/ font ${file} not found: install the npm package ${packageName}`,
    );
  }
  return fs.readFileSync(fontPath);
};

/** Both font files, read on first use and kept for the life of the process (about 35 MB). */
export const letterFonts = (): LetterFonts => {
  cachedFiles ??= { regular: readFontFile(FILES.regular), bold: readFontFile(FILES.bold) };
  return cachedFiles;
};

/** The fontkit pdfkit itself loads, resolved from pdfkit's folder so the two always agree. */
const pdfkitFontkit = (): Fontkit => {
  const fromPdfkit = path.dirname(require.resolve('pdfkit'));
  return require(require.resolve('fontkit', { paths: [fromPdfkit] })) as Fontkit;
};

/**
 * Both faces parsed once. Handing pdfkit a file makes every document parse the
 * 17 MB fonts and their layout tables again; the parsed faces halve the CPU
 * time of a letter (bench/letters.bench.js). Each document still builds its own subset.
 */
export const letterFontFaces = (): { regular: FontFace; bold: FontFace } => {
  if (!cachedFaces) {
    const fontkit = pdfkitFontkit();
    const files = letterFonts();
    cachedFaces = {
      regular: fontkit.create(files.regular) as FontFace,
      bold: fontkit.create(files.bold) as FontFace,
    };
  }
  return cachedFaces;
};
