/** What a PDF's font dictionaries say, read from the raw file (pdfkit writes them uncompressed). */
export interface FontReport {
  /** Subtype of every /Type /Font dictionary: Type0, CIDFontType0, Type1… */
  subtypes: string[];
  baseFonts: string[];
  descriptors: number;
  /** Descriptors that carry the font program (FontFile, FontFile2 or FontFile3). */
  embedded: number;
}

/** The text of every indirect object: `12 0 obj … endobj`. */
const objects = (raw: string): string[] =>
  [...raw.matchAll(/\d+\s+0\s+obj\b([^]*?)\bendobj/g)].map((match) => match[1] ?? '');

export const fontReport = (pdf: Buffer): FontReport => {
  const all = objects(pdf.toString('latin1'));
  const fonts = all.filter((object) => /\/Type\s*\/Font(?![A-Za-z])/.test(object));
  const descriptors = all.filter((object) => /\/Type\s*\/FontDescriptor\b/.test(object));
  const name = (object: string, key: string) =>
    new RegExp(`/${key}\\s*/([\\w+-]+)`).exec(object)?.[1] ?? '';
  return {
    subtypes: fonts.map((object) => name(object, 'Subtype')),
    baseFonts: fonts.map((object) => name(object, 'BaseFont')),
    descriptors: descriptors.length,
    embedded: descriptors.filter((object) => /\/FontFile[23]?\s+\d+\s+0\s+R/.test(object)).length,
  };
};

/** The 14 standard PDF fonts a viewer substitutes; none can show Chinese. */
export const STANDARD_FONTS =
  /^(Helvetica|Times|Courier|Symbol|ZapfDingbats)(-(Bold|Oblique|BoldOblique|Roman|Italic|BoldItalic))?$/;
