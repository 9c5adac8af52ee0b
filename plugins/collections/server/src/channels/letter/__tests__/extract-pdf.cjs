/**
 * Reads a PDF on stdin and prints its text, per-page text, page count and
 * document info as JSON. It runs as a plain Node process because pdf.js starts
 * its worker with a dynamic import(), which Jest's module sandbox refuses.
 */
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    const result = {
      text: text.text,
      pageTexts: text.pages.map((page) => page.text),
      pages: text.total,
      info: info.info ?? {},
    };
    process.stdout.write(JSON.stringify(result));
  } finally {
    await parser.destroy();
  }
});
