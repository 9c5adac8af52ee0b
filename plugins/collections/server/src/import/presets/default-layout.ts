import type { ColumnLayout, ColumnSpec } from '../columns';

/**
 * Header names seen in receivable exports of Chinese ERP, finance and CRM systems (用友, 金蝶,
 * SAP and spreadsheets kept by hand). Matching ignores case, spaces, punctuation and width,
 * and accepts a bracketed unit: "金额(元)", "Amount (USD)", "账期(天)".
 */
const specs: ColumnSpec[] = [
  {
    field: 'debtorCode',
    label: '客户编码',
    aliases: ['客户代码', '客户编号', '客户号', '客商编码', '往来单位编码', 'customer code'],
  },
  {
    field: 'debtorName',
    label: '客户名称',
    aliases: ['客户', '单位名称', '客户全称', '往来单位', '往来单位名称', '客商名称', '购买方名称'],
  },
  {
    field: 'taxId',
    label: '统一社会信用代码',
    aliases: ['纳税人识别号', '税号', '购买方税号', '信用代码', 'tax id', 'uscc', 'tax number'],
  },
  { field: 'industry', label: '行业', aliases: ['所属行业', 'industry'] },
  { field: 'region', label: '地区', aliases: ['区域', '省份', '所属地区', 'region', 'province'] },
  { field: 'address', label: '地址', aliases: ['客户地址', '联系地址', '详细地址', 'address'] },
  {
    field: 'contactName',
    label: '联系人',
    aliases: ['联系人姓名', '财务联系人', 'contact', 'contact name', 'contact person'],
  },
  {
    field: 'phone',
    label: '联系电话',
    aliases: ['电话', '手机', '手机号', '手机号码', '电话号码', 'mobile', 'phone', 'tel'],
  },
  { field: 'email', label: '邮箱', aliases: ['电子邮件', '电子邮箱', '邮件', 'email', 'e-mail'] },
  {
    field: 'invoiceNumber',
    label: '发票号',
    aliases: ['发票号码', '单据编号', '单据号', '应收单号', 'invoice no', 'invoice number'],
    required: true,
  },
  {
    field: 'contractNumber',
    label: '合同号',
    aliases: ['合同编号', '合同编码', 'contract no', 'contract number'],
  },
  {
    field: 'issueDate',
    label: '开票日期',
    aliases: ['发票日期', '单据日期', '业务日期', '立账日期', 'invoice date', 'issue date'],
    required: true,
  },
  {
    field: 'dueDate',
    label: '到期日',
    aliases: ['到期日期', '应收日期', '收款到期日', 'due date', 'net due date'],
  },
  {
    field: 'paymentTerms',
    label: '账期',
    aliases: ['账期天数', '信用期', '信用天数', 'payment terms', 'terms', 'credit days'],
    units: 'days',
  },
  {
    field: 'amount',
    label: '金额',
    aliases: ['发票金额', '价税合计', '应收金额', '含税金额', 'amount', 'invoice amount'],
    required: true,
    units: 'money',
  },
  { field: 'currency', label: '币种', aliases: ['币别', '货币', 'currency'] },
  {
    field: 'paidAmount',
    label: '已收金额',
    aliases: ['已核销金额', '已收款金额', '回款金额', '实收金额', 'paid amount', 'amount paid'],
    units: 'money',
  },
  {
    field: 'paidDate',
    label: '收款日期',
    aliases: ['回款日期', '结清日期', '核销日期', '到账日期', 'settled date', 'payment date'],
  },
  {
    field: 'openAmount',
    label: '未收金额',
    aliases: ['余额', '应收余额', '未核销金额', 'open amount', 'balance', 'outstanding'],
    units: 'money',
  },
  { field: 'disputed', label: '是否争议', aliases: ['争议', '有无争议', 'disputed', 'in dispute'] },
];

/** English headers that are spelled several ways by different systems. */
const englishVariants: Record<string, string[]> = {
  debtorCode: ['customer id', 'customer no', 'customer number', 'debtor code', 'account code'],
  debtorName: ['customer name', 'customer', 'debtor', 'debtor name', 'company name'],
  invoiceNumber: ['invoice', 'invoice id', 'document no', 'doc no', 'bill no'],
  issueDate: ['document date', 'bill date', 'date issued'],
  dueDate: ['payment due date', 'due'],
  amount: ['total amount', 'gross amount'],
  paidDate: ['paid date', 'settlement date', 'date paid'],
  openAmount: ['outstanding amount', 'balance due', 'open balance'],
};

const withVariants = (spec: ColumnSpec): ColumnSpec => ({
  ...spec,
  aliases: [...spec.aliases, ...(englishVariants[spec.field] ?? [])],
});

export const defaultLayout: ColumnLayout = {
  specs: specs.map(withVariants),
  ignored: [
    '备注',
    '说明',
    '摘要',
    '序号',
    '行号',
    'remark',
    'remarks',
    'notes',
    'note',
    'memo',
    'no',
  ],
  requiredAnyOf: [
    ['debtorName', 'debtorCode'],
    ['dueDate', 'paymentTerms'],
  ],
};
