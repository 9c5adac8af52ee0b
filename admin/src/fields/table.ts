/** DataTable styling: headings stay on one line (two-character Chinese headings split badly). */
export const noWrapHeadings = { '& .MuiTableCell-head': { whiteSpace: 'nowrap' } } as const;
