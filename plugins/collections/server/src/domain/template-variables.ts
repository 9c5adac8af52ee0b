import Handlebars from 'handlebars';

/**
 * The variables a message template may use: the shape of MessageContext. A leaf is
 * `true`, an object lists its fields, a one-element array describes each item.
 */
type Shape = true | { [field: string]: Shape } | [Shape];

const INVOICE: Shape = {
  number: true,
  issueDate: true,
  dueDate: true,
  openMinor: true,
  currency: true,
  daysPastDue: true,
};

export const MESSAGE_VARIABLES: Shape = {
  locale: true,
  asOf: true,
  currency: true,
  creditor: { name: true, bankName: true, bankAccount: true, phone: true, address: true },
  debtor: { code: true, name: true, address: true, contactName: true },
  collector: { name: true, phone: true, email: true },
  invoices: [INVOICE],
  totals: { overdueMinor: true, openMinor: true, overdueInvoices: true, maxDaysPastDue: true },
  offer: {
    type: true,
    currency: true,
    downPaymentMinor: true,
    instalments: [{ dueOn: true, amountMinor: true }],
    instalmentCount: true,
    lastDueOn: true,
  },
  agency: { code: true, name: true, contactName: true, phone: true, email: true },
};

const BLOCK_DATA = new Set(['index', 'first', 'last', 'key']);

const fieldOf = (shape: Shape | undefined, part: string): Shape | undefined => {
  if (shape === undefined || shape === true) return undefined;
  if (Array.isArray(shape)) return /^\d+$/.test(part) || part === 'length' ? shape[0] : undefined;
  return Object.prototype.hasOwnProperty.call(shape, part) ? shape[part] : undefined;
};

/**
 * Names every variable a template uses that the message context does not have, e.g.
 * `debtor.nmae` or `invoices.amount`, walking {{#each}} and {{#with}} scopes; the
 * names of `helpers` are calls, not variables. Throws Handlebars' parse error as is.
 */
export const unknownVariables = (source: string, helpers: readonly string[]): string[] => {
  const found = new Set<string>();
  const helperNames = new Set(helpers);

  const resolve = (path: hbs.AST.PathExpression, scopes: Shape[]): void => {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root') {
        check(path.original, rest, MESSAGE_VARIABLES);
      } else if (!BLOCK_DATA.has(head ?? '')) {
        found.add(path.original);
      }
      return;
    }
    const scope = scopes[scopes.length - 1 - path.depth];
    if (!scope) {
      found.add(path.original);
      return;
    }
    check(path.original, path.parts, scope);
  };

  const check = (original: string, parts: string[], scope: Shape) => {
    let shape: Shape | undefined = scope;
    for (const part of parts) {
      shape = fieldOf(shape, part);
      if (shape === undefined) {
        found.add(original);
        return;
      }
    }
  };

  const shapeAt = (path: hbs.AST.Expression, scopes: Shape[]): Shape | undefined => {
    if (path.type !== 'PathExpression') return undefined;
    const p = path as hbs.AST.PathExpression;
    let shape: Shape | undefined = p.data ? MESSAGE_VARIABLES : scopes[scopes.length - 1 - p.depth];
    for (const part of p.data ? p.parts.slice(1) : p.parts) shape = fieldOf(shape, part);
    return shape;
  };

  const expression = (node: hbs.AST.Expression, scopes: Shape[]): void => {
    if (node.type === 'PathExpression') resolve(node as hbs.AST.PathExpression, scopes);
    if (node.type === 'SubExpression') call(node as hbs.AST.SubExpression, scopes);
  };

  const call = (
    node: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash: hbs.AST.Hash },
    scopes: Shape[],
  ): void => {
    const name =
      node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    const isCall = helperNames.has(name) || node.params.length > 0;
    if (!isCall) expression(node.path, scopes);
    for (const param of node.params) expression(param, scopes);
    for (const pair of node.hash?.pairs ?? []) expression(pair.value, scopes);
  };

  const program = (node: hbs.AST.Program | undefined, scopes: Shape[]): void => {
    for (const statement of node?.body ?? []) {
      if (statement.type === 'MustacheStatement') {
        call(statement as hbs.AST.MustacheStatement, scopes);
      } else if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        const name = (block.path as hbs.AST.PathExpression).original;
        for (const param of block.params) expression(param, scopes);
        const target = block.params[0];
        let inner = scopes;
        if (target && (name === 'each' || name === 'with')) {
          const shape = shapeAt(target, scopes);
          const item = name === 'each' && Array.isArray(shape) ? shape[0] : shape;
          inner = item === undefined ? scopes : [...scopes, item];
        }
        program(block.program, inner);
        program(block.inverse, scopes);
      }
    }
  };

  program(Handlebars.parse(source), [MESSAGE_VARIABLES]);
  return [...found];
};
