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

/** The helpers of domain/render.ts with how many arguments each takes. */
export const HELPER_ARITY: Readonly<Record<string, number>> = { money: 2, moneyUpper: 2, date: 1 };

/** Block helpers a template may open; each takes exactly one argument. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const BLOCK_DATA = new Set(['index', 'first', 'last', 'key']);

/** Why a template cannot be saved, in zh-CN and en. */
export interface TemplateProblem {
  zh: string;
  en: string;
}

export interface TemplateCheck {
  /** Variables the message context does not have, e.g. `debtor.nmae`. */
  unknown: string[];
  /** Everything else: partials, unknown helpers, wrong arguments, objects printed. */
  problems: TemplateProblem[];
}

type Path = hbs.AST.PathExpression;
type Call = { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash };

const fieldOf = (shape: Shape | undefined, part: string): Shape | undefined => {
  if (shape === undefined || shape === true) return undefined;
  if (Array.isArray(shape)) {
    if (part === 'length') return true;
    return /^\d+$/.test(part) ? shape[0] : undefined;
  }
  return Object.prototype.hasOwnProperty.call(shape, part) ? shape[part] : undefined;
};

/** A one-word name such as `money`, which Handlebars may take for a helper. */
const simpleName = (node: hbs.AST.Expression): string | null => {
  if (node.type !== 'PathExpression') return null;
  const path = node as Path;
  const scoped = /^(\.|this\b)/.test(path.original);
  return path.parts.length === 1 && path.depth === 0 && !path.data && !scoped
    ? (path.parts[0] ?? null)
    : null;
};

const nameOf = (node: hbs.AST.Expression): string =>
  node.type === 'PathExpression' ? (node as Path).original : node.type;

const helperList = (): string => Object.keys(HELPER_ARITY).join(', ');

const PROBLEMS = {
  partial: (name: string): TemplateProblem => ({
    zh: `不支持子模板 {{> ${name}}}`,
    en: `partials such as {{> ${name}}} are not supported`,
  }),
  decorator: (name: string): TemplateProblem => ({
    zh: `不支持装饰器 {{* ${name}}}`,
    en: `decorators such as {{* ${name}}} are not supported`,
  }),
  lookup: (): TemplateProblem => ({
    zh: '不允许使用 lookup，请直接写出变量名',
    en: 'lookup is not allowed: name the variable directly',
  }),
  unknownHelper: (name: string): TemplateProblem => ({
    zh: `不存在的函数 ${name}（可用：${helperList()}）`,
    en: `unknown helper ${name} (use ${helperList()})`,
  }),
  arity: (name: string, given: number): TemplateProblem => ({
    zh: `函数 ${name} 需要 ${HELPER_ARITY[name]} 个参数，实际 ${given} 个`,
    en: `${name} takes ${HELPER_ARITY[name]} argument(s), given ${given}`,
  }),
  unknownBlock: (name: string): TemplateProblem => ({
    zh: `不存在的区块 {{#${name}}}（可用：if、unless、each、with）`,
    en: `unknown block {{#${name}}} (use if, unless, each or with)`,
  }),
  blockArity: (name: string, given: number): TemplateProblem => ({
    zh: `{{#${name}}} 需要 1 个参数，实际 ${given} 个`,
    en: `{{#${name}}} takes exactly 1 argument, given ${given}`,
  }),
  notPrintable: (name: string, shape: Shape): TemplateProblem =>
    Array.isArray(shape)
      ? {
          zh: `${name} 是列表，不能直接输出，请用 {{#each ${name}}} 逐项写出`,
          en: `${name} is a list and would print as [object Object]: use {{#each ${name}}}`,
        }
      : {
          zh: `${name} 是对象，不能直接输出，请写出具体字段（如 ${name}.${Object.keys(shape)[0]}）`,
          en: `${name} is an object and would print as [object Object]: name one of its fields`,
        },
};

const isPrintable = (shape: Shape | undefined): boolean => shape === undefined || shape === true;

/**
 * Checks a template against the message context and the helpers it may call: names every
 * variable the context does not have (walking {{#each}} and {{#with}} scopes) and every
 * construct that would fail or print nonsense when sent. Throws Handlebars' parse error as is.
 */
export const checkTemplate = (source: string): TemplateCheck => {
  const unknown = new Set<string>();
  const problems: TemplateProblem[] = [];

  /** The shape a path names, or undefined (recorded as unknown) when it names nothing. */
  const resolve = (path: Path, scopes: Shape[]): Shape | undefined => {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root') return walk(path.original, rest, MESSAGE_VARIABLES);
      if (!BLOCK_DATA.has(head ?? '')) unknown.add(path.original);
      return true;
    }
    const scope = scopes[scopes.length - 1 - path.depth];
    if (!scope) {
      unknown.add(path.original);
      return undefined;
    }
    return walk(path.original, path.parts, scope);
  };

  const walk = (original: string, parts: string[], scope: Shape): Shape | undefined => {
    let shape: Shape | undefined = scope;
    for (const part of parts) {
      shape = fieldOf(shape, part);
      if (shape === undefined) {
        unknown.add(original);
        return undefined;
      }
    }
    return shape;
  };

  /** A value given to a helper or printed: it must name something that prints. */
  const value = (node: hbs.AST.Expression, scopes: Shape[]): void => {
    if (node.type === 'SubExpression') return call(node as hbs.AST.SubExpression, scopes);
    if (node.type !== 'PathExpression') return;
    const shape = resolve(node as Path, scopes);
    if (!isPrintable(shape)) problems.push(PROBLEMS.notPrintable(nameOf(node), shape as Shape));
  };

  const call = (node: Call, scopes: Shape[]): void => {
    const name = simpleName(node.path) ?? nameOf(node.path);
    if (name === 'lookup') {
      problems.push(PROBLEMS.lookup());
      return;
    }
    if (!(name in HELPER_ARITY)) problems.push(PROBLEMS.unknownHelper(name));
    else if (node.params.length !== HELPER_ARITY[name]) {
      problems.push(PROBLEMS.arity(name, node.params.length));
    }
    for (const param of node.params) value(param, scopes);
    for (const pair of node.hash?.pairs ?? []) value(pair.value, scopes);
  };

  const mustache = (node: hbs.AST.MustacheStatement, scopes: Shape[]): void => {
    const name = simpleName(node.path);
    const isCall =
      node.params.length > 0 ||
      (node.hash?.pairs.length ?? 0) > 0 ||
      (name !== null && (name in HELPER_ARITY || name === 'lookup' || BLOCK_HELPERS.has(name)));
    if (isCall) call(node, scopes);
    else value(node.path, scopes);
  };

  const block = (node: hbs.AST.BlockStatement, scopes: Shape[]): void => {
    const name = simpleName(node.path) ?? nameOf(node.path);
    if (!BLOCK_HELPERS.has(name)) problems.push(PROBLEMS.unknownBlock(name));
    else if (node.params.length !== 1) problems.push(PROBLEMS.blockArity(name, node.params.length));

    const target = node.params[0];
    let shape: Shape | undefined;
    if (target?.type === 'PathExpression') shape = resolve(target as Path, scopes);
    else if (target?.type === 'SubExpression') call(target as hbs.AST.SubExpression, scopes);
    for (const param of node.params.slice(1)) value(param, scopes);

    const item = name === 'each' && Array.isArray(shape) ? shape[0] : shape;
    const scoped = (name === 'each' || name === 'with') && item !== undefined;
    program(node.program, scoped ? [...scopes, item] : scopes);
    program(node.inverse, scopes);
  };

  const program = (node: hbs.AST.Program | undefined, scopes: Shape[]): void => {
    for (const statement of node?.body ?? []) {
      if (statement.type === 'MustacheStatement') {
        mustache(statement as hbs.AST.MustacheStatement, scopes);
      } else if (statement.type === 'BlockStatement') {
        block(statement as hbs.AST.BlockStatement, scopes);
      } else if (
        statement.type === 'PartialStatement' ||
        statement.type === 'PartialBlockStatement'
      ) {
        problems.push(PROBLEMS.partial(nameOf((statement as hbs.AST.PartialStatement).name)));
      } else if (statement.type === 'Decorator' || statement.type === 'DecoratorBlock') {
        problems.push(PROBLEMS.decorator(nameOf((statement as hbs.AST.Decorator).path)));
      }
    }
  };

  program(Handlebars.parse(source), [MESSAGE_VARIABLES]);
  return { unknown: [...unknown], problems };
};
