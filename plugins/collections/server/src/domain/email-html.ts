/** Consecutive lines of one block: plain text lines, or "- " list items. */
const groupLines = (lines: string[]): Array<{ list: boolean; lines: string[] }> => {
  const groups: Array<{ list: boolean; lines: string[] }> = [];
  for (const line of lines) {
    const list = line.startsWith('- ');
    const last = groups.at(-1);
    if (last && last.list === list) last.lines.push(list ? line.slice(2) : line);
    else groups.push({ list, lines: [list ? line.slice(2) : line] });
  }
  return groups;
};

/**
 * The HTML part of an email, from the body a template author wrote as plain
 * text and rendered with HTML escaping: blank lines separate paragraphs, lines
 * starting with "- " become a list, single line breaks stay line breaks.
 */
export const textToHtml = (escapedBody: string, language: string): string => {
  const blocks = escapedBody
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  const html = blocks.flatMap((block) =>
    groupLines(block.split('\n')).map((group) =>
      group.list
        ? `<ul>${group.lines.map((item) => `<li>${item}</li>`).join('')}</ul>`
        : `<p>${group.lines.join('<br>')}</p>`,
    ),
  );
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:sans-serif;line-height:1.6">\n${html.join('\n')}\n</body></html>`
  );
};
