import fs from 'node:fs';

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

let cached: LetterFonts | null = null;

/** Reads one font file of a package; a missing package is named in the error. */
export const readFontFile = (file: string, packageName: string = FONT_PACKAGE): Buffer => {
  let fontPath: string;
  try {
    fontPath = require.resolve(`${packageName}/${file}`);
  } catch {
    throw new Error(
      `font ${file} not found: install the npm package ${packageName} ` +
        `/ 找不到字体 ${file}：请安装 npm 包 ${packageName}`,
    );
  }
  return fs.readFileSync(fontPath);
};

/** Both font files, read on first use and kept for the life of the process (about 35 MB). */
export const letterFonts = (): LetterFonts => {
  cached ??= { regular: readFontFile(FILES.regular), bold: readFontFile(FILES.bold) };
  return cached;
};
