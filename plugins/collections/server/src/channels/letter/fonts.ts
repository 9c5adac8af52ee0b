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

const readFont = (file: string): Buffer => {
  let fontPath: string;
  try {
    fontPath = require.resolve(`${FONT_PACKAGE}/${file}`);
  } catch {
    throw new Error(
      `font ${file} not found: install the npm package ${FONT_PACKAGE} (Source Han Sans SC) ` +
        `/ 找不到字体 ${file}：请安装 npm 包 ${FONT_PACKAGE}`,
    );
  }
  return fs.readFileSync(fontPath);
};

/** Both font files, read on first use and kept for the life of the process (about 35 MB). */
export const letterFonts = (): LetterFonts => {
  cached ??= { regular: readFont(FILES.regular), bold: readFont(FILES.bold) };
  return cached;
};
