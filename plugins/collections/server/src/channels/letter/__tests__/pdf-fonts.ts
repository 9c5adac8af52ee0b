/** What a PDF's font dictionaries say, read from the raw file (pdfkit writes them uncompressed). */
export interface FontReport {
  /** Subtype of every /Type /Font dictionary: Type0, CIDFontType0, Type1… */
  subtypes: string[];
  baseFonts: string[];
  descriptors: number;
  /** Descriptors that carry the font program (FontFile, FontFile2 or FontFile3). */
  embedded: number;
}

export const fontReport = (pdf: Buffer): FontReport => {
  const raw = pdf.toString('latin1');
  const fonts = [
    ...raw.matchAll(/\/Type\s*\/Font\s*\/Subtype\s*\/(\w+)\s*\/BaseFont\s*\/([\w+-]+)/g),
  ];
  const descriptors = [...raw.matchAll(/\/Type\s*\/FontDescriptor\b[^]*?>>/g)].map((m) => m[0]);
  return {
    subtypes: fonts.map((match) => match[1] ?? ''),
    baseFonts: fonts.map((match) => match[2] ?? ''),
    descriptors: descriptors.length,
    embedded: descriptors.filter((text) => /\/FontFile[23]?\s+\d+\s+0\s+R/.test(text)).length,
  };
};

/** The 14 standard PDF fonts a viewer substitutes; none can show Chinese. */
export const STANDARD_FONTS =
  /^(Helvetica|Times|Courier|Symbol|ZapfDingbats)(-(Bold|Oblique|BoldOblique|Roman|Italic|BoldItalic))?$/;
