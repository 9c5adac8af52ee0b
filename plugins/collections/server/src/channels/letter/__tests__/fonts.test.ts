import { FONT_PACKAGE, letterFontFaces, letterFonts, readFontFile } from '../fonts';

describe('letter fonts', () => {
  it('reads both OpenType faces once and keeps them', () => {
    const fonts = letterFonts();
    expect(fonts.regular.subarray(0, 4).toString('latin1')).toBe('OTTO');
    expect(fonts.bold.subarray(0, 4).toString('latin1')).toBe('OTTO');
    expect(fonts.bold.equals(fonts.regular)).toBe(false);
    expect(letterFonts()).toBe(fonts);
  });

  it('parses each face once, with the fontkit pdfkit uses', () => {
    const faces = letterFontFaces();
    expect(letterFontFaces()).toBe(faces);
    const regular = faces.regular as unknown as { postscriptName: string; layout: unknown };
    expect(regular.postscriptName).toBe('SourceHanSansSC-Regular');
    expect(typeof regular.layout).toBe('function');
  });

  it('names the npm package when the font is missing', () => {
    expect(FONT_PACKAGE).toBe('node-source-han-sans-sc');
    expect(() => readFontFile('SourceHanSansSC-Regular.otf', 'no-such-font-package')).toThrow(
      /install the npm package no-such-font-package/,
    );
  });
});
