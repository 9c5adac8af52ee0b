import type { Channel } from '../domain/ledger';

export interface TemplateSeed {
  code: string;
  channel: Channel;
  language: 'zh-CN' | 'en';
  tone: 'polite' | 'firm' | 'formal' | 'final';
  subject: string | null;
  body: string;
  description: string;
}

const invoiceListZh = `{{#each invoices}}
- 发票 {{number}}，到期日 {{date dueDate}}，未付 {{money openMinor currency}}，逾期 {{daysPastDue}} 天
{{/each}}`;

const invoiceListEn = `{{#each invoices}}
- Invoice {{number}}, due {{date dueDate}}, open {{money openMinor currency}}, {{daysPastDue}} days past due
{{/each}}`;

const scheduleZh = `{{#each offer.instalments}}
- {{date dueOn}} 前支付 {{money amountMinor @root.offer.currency}}
{{/each}}`;

const scheduleEn = `{{#each offer.instalments}}
- by {{date dueOn}}: {{money amountMinor @root.offer.currency}}
{{/each}}`;

/**
 * The copy Huikuan ships with: polite first, formal later, never threatening.
 * Template authors edit these in the CMS; the seed only fills what is missing.
 */
export const DEFAULT_TEMPLATES: TemplateSeed[] = [
  {
    code: 'reminder',
    channel: 'email',
    language: 'zh-CN',
    tone: 'polite',
    description: '到期提醒（邮件）',
    subject: '{{creditor.name}}：付款提醒（{{money totals.overdueMinor currency}}）',
    body: `尊敬的{{debtor.name}}：

您好！感谢贵司一直以来的支持。截至 {{date asOf}}，以下发票已到期，合计 {{money totals.overdueMinor currency}}：
${invoiceListZh}
如已安排付款，请忽略本提醒。收款账户：{{creditor.bankAccount}}。如有疑问，请致电 {{creditor.phone}}。

{{creditor.name}} 应收账款部`,
  },
  {
    code: 'reminder',
    channel: 'email',
    language: 'en',
    tone: 'polite',
    description: 'Payment reminder (email)',
    subject: '{{creditor.name}}: payment reminder ({{money totals.overdueMinor currency}})',
    body: `Dear {{debtor.name}},

Thank you for your business. As of {{date asOf}} the following invoices have fallen due, {{money totals.overdueMinor currency}} in total:
${invoiceListEn}
If you have already arranged payment, please disregard this reminder. Bank account: {{creditor.bankAccount}}. Questions: {{creditor.phone}}.

{{creditor.name}} Accounts Receivable`,
  },
  {
    code: 'reminder',
    channel: 'sms',
    language: 'zh-CN',
    tone: 'polite',
    description: '到期提醒（短信）',
    subject: null,
    body: '【{{creditor.name}}】{{debtor.name}}您好，截至{{date asOf}}贵司有{{totals.overdueInvoices}}张发票已到期，合计{{money totals.overdueMinor currency}}，请安排付款。如已付款请忽略。咨询{{creditor.phone}}',
  },
  {
    code: 'reminder',
    channel: 'sms',
    language: 'en',
    tone: 'polite',
    description: 'Payment reminder (SMS)',
    subject: null,
    body: '{{creditor.name}}: {{totals.overdueInvoices}} invoice(s) for {{debtor.name}} are due as of {{date asOf}}, {{money totals.overdueMinor currency}} in total. Please arrange payment; ignore if paid. Questions: {{creditor.phone}}',
  },
  {
    code: 'reminder',
    channel: 'letter',
    language: 'zh-CN',
    tone: 'polite',
    description: '到期提醒函（无邮箱和手机号时）',
    subject: '付款提醒函',
    body: `{{debtor.name}}：

您好！感谢贵司一直以来的支持。截至 {{date asOf}}，以下发票已到期，合计 {{money totals.overdueMinor currency}}：
${invoiceListZh}
如已安排付款，请忽略本函。收款账户：{{creditor.bankAccount}}。为便于今后及时联系，请将贵司财务联系人的电话和邮箱告知我们：{{creditor.phone}}。

{{creditor.name}} 应收账款部
{{date asOf}}`,
  },
  {
    code: 'reminder',
    channel: 'letter',
    language: 'en',
    tone: 'polite',
    description: 'Payment reminder letter (no email or mobile on file)',
    subject: 'Payment reminder',
    body: `To {{debtor.name}}:

Thank you for your business. As of {{date asOf}} the following invoices have fallen due, {{money totals.overdueMinor currency}} in total:
${invoiceListEn}
If you have already arranged payment, please disregard this letter. Bank account: {{creditor.bankAccount}}. So that we can reach you sooner next time, please send us your accounts payable contact's phone and email: {{creditor.phone}}.

{{creditor.name}} Accounts Receivable
{{date asOf}}`,
  },
  {
    code: 'reminder',
    channel: 'phone',
    language: 'zh-CN',
    tone: 'polite',
    description: '到期提醒电话（客户要求电话联系）',
    subject: '提醒电话：{{debtor.name}}',
    body: `致电 {{debtor.name}}（客户编号 {{debtor.code}}），客户希望电话联系。
礼貌提醒：截至 {{date asOf}}，以下发票已到期，合计 {{money totals.overdueMinor currency}}：
${invoiceListZh}
确认对方已收到发票，询问预计付款日期并记录。`,
  },
  {
    code: 'reminder',
    channel: 'phone',
    language: 'en',
    tone: 'polite',
    description: 'Reminder call (the contact prefers phone)',
    subject: 'Reminder call: {{debtor.name}}',
    body: `Call {{debtor.name}} (customer {{debtor.code}}), who prefers the phone.
A polite reminder: as of {{date asOf}} these invoices have fallen due, {{money totals.overdueMinor currency}} in total:
${invoiceListEn}
Confirm they received the invoices, ask when they expect to pay, and record it.`,
  },
  {
    code: 'phone-script',
    channel: 'phone',
    language: 'zh-CN',
    tone: 'polite',
    description: '第 3 天电话催收话术',
    subject: '电话跟进：{{debtor.name}}',
    body: `致电 {{debtor.name}}（客户编号 {{debtor.code}}）。
1. 自我介绍：您好，我是{{creditor.name}}应收账款部的同事。
2. 说明：截至 {{date asOf}}，贵司逾期 {{totals.maxDaysPastDue}} 天，金额 {{money totals.overdueMinor currency}}：
${invoiceListZh}
3. 询问未付原因（资金、遗忘、质量或交付问题），如实记录。
4. 请对方确认付款日期和金额，记录承诺。`,
  },
  {
    code: 'phone-script',
    channel: 'phone',
    language: 'en',
    tone: 'polite',
    description: 'Day-3 phone call script',
    subject: 'Phone follow-up: {{debtor.name}}',
    body: `Call {{debtor.name}} (customer {{debtor.code}}).
1. Introduce yourself from {{creditor.name}} Accounts Receivable.
2. As of {{date asOf}} the account is {{totals.maxDaysPastDue}} days past due, {{money totals.overdueMinor currency}}:
${invoiceListEn}
3. Ask why it is unpaid (cash flow, overlooked, quality or delivery issue) and note it.
4. Ask for a payment date and amount, and record the promise.`,
  },
  {
    code: 'demand-letter',
    channel: 'letter',
    language: 'zh-CN',
    tone: 'formal',
    description: '第 7 天正式催款函',
    subject: '催款函',
    body: `{{debtor.name}}：

根据双方交易记录，截至 {{date asOf}}，贵司尚欠我司货款 {{money totals.overdueMinor currency}}，明细如下：
${invoiceListZh}
请贵司于收到本函后七日内将上述款项支付至：{{creditor.bankAccount}}。如对账目有异议，请在此期间内书面告知，我们将及时核对。

联系电话：{{creditor.phone}}

{{creditor.name}}
{{date asOf}}`,
  },
  {
    code: 'demand-letter',
    channel: 'letter',
    language: 'en',
    tone: 'formal',
    description: 'Day-7 formal demand letter',
    subject: 'Formal demand for payment',
    body: `To {{debtor.name}}:

Our records show that as of {{date asOf}} your account owes {{money totals.overdueMinor currency}}:
${invoiceListEn}
Please pay this amount within seven days of receiving this letter to: {{creditor.bankAccount}}. If you dispute any item, tell us in writing within that time and we will review it promptly.

Telephone: {{creditor.phone}}

{{creditor.name}}
{{date asOf}}`,
  },
  {
    code: 'visit',
    channel: 'visit',
    language: 'zh-CN',
    tone: 'firm',
    description: '逾期 30 天上门拜访任务',
    subject: '上门拜访：{{debtor.name}}',
    body: `拜访 {{debtor.name}}（客户编号 {{debtor.code}}），逾期 {{totals.maxDaysPastDue}} 天，合计 {{money totals.overdueMinor currency}}。
${invoiceListZh}
目标：当面了解付款困难，核对账目，取得书面付款计划。`,
  },
  {
    code: 'visit',
    channel: 'visit',
    language: 'en',
    tone: 'firm',
    description: 'Day-30 visit task',
    subject: 'Visit: {{debtor.name}}',
    body: `Visit {{debtor.name}} (customer {{debtor.code}}), {{totals.maxDaysPastDue}} days past due, {{money totals.overdueMinor currency}} in total.
${invoiceListEn}
Goal: understand the difficulty in person, reconcile the account, obtain a written payment plan.`,
  },
  {
    code: 'legal-review',
    channel: 'legal',
    language: 'zh-CN',
    tone: 'final',
    description: '逾期 60 天法务审核任务',
    subject: '法务审核：{{debtor.name}}',
    body: `请法务审核 {{debtor.name}}（客户编号 {{debtor.code}}）的欠款，逾期 {{totals.maxDaysPastDue}} 天，合计 {{money totals.overdueMinor currency}}。
${invoiceListZh}
请核实合同、发货与对账记录，评估发送律师函或委托催收机构。`,
  },
  {
    code: 'legal-review',
    channel: 'legal',
    language: 'en',
    tone: 'final',
    description: 'Day-60 legal review task',
    subject: 'Legal review: {{debtor.name}}',
    body: `Legal to review {{debtor.name}} (customer {{debtor.code}}): {{totals.maxDaysPastDue}} days past due, {{money totals.overdueMinor currency}} in total.
${invoiceListEn}
Check contract, delivery and statement records; assess a lawyer's letter or an agency hand-off.`,
  },
  ...offerTemplates(),
  {
    code: 'agency-handoff',
    channel: 'agency',
    language: 'zh-CN',
    tone: 'formal',
    description: '移交委外催收机构任务',
    subject: '委外催收移交：{{debtor.name}} → {{agency.name}}',
    body: `请将 {{debtor.name}}（客户编号 {{debtor.code}}）的欠款移交 {{agency.name}}（机构编号 {{agency.code}}，联系人 {{agency.contactName}}，电话 {{agency.phone}}）。
截至 {{date asOf}}，逾期 {{totals.maxDaysPastDue}} 天，合计 {{money totals.overdueMinor currency}}（{{moneyUpper totals.overdueMinor currency}}）：
${invoiceListZh}
移交材料：合同、发货与签收记录、对账单、历次催收记录。移交后本案件不再安排内部催收动作。`,
  },
  {
    code: 'agency-handoff',
    channel: 'agency',
    language: 'en',
    tone: 'formal',
    description: 'Hand-off to a collection agency (task)',
    subject: 'Agency hand-off: {{debtor.name}} → {{agency.name}}',
    body: `Hand the account of {{debtor.name}} (customer {{debtor.code}}) to {{agency.name}} (agency {{agency.code}}, contact {{agency.contactName}}, {{agency.phone}}).
As of {{date asOf}}: {{totals.maxDaysPastDue}} days past due, {{money totals.overdueMinor currency}} in total:
${invoiceListEn}
Send the contract, delivery and receipt records, statements and the collection history. No internal step is planned for this case after the hand-off.`,
  },
  {
    code: 'write-off-proposal',
    channel: 'write_off',
    language: 'zh-CN',
    tone: 'formal',
    description: '坏账核销申请（财务审批任务）',
    subject: '坏账核销申请：{{debtor.name}}',
    body: `申请核销 {{debtor.name}}（客户编号 {{debtor.code}}）的应收账款 {{money totals.overdueMinor currency}}（{{moneyUpper totals.overdueMinor currency}}），截至 {{date asOf}} 最长逾期 {{totals.maxDaysPastDue}} 天：
${invoiceListZh}
请财务复核催收记录与回收可能性，按公司坏账核销制度审批；核销不免除债务人的还款义务。`,
  },
  {
    code: 'write-off-proposal',
    channel: 'write_off',
    language: 'en',
    tone: 'formal',
    description: 'Bad-debt write-off proposal (finance approval task)',
    subject: 'Write-off proposal: {{debtor.name}}',
    body: `Proposal to write off {{money totals.overdueMinor currency}} owed by {{debtor.name}} (customer {{debtor.code}}), up to {{totals.maxDaysPastDue}} days past due as of {{date asOf}}:
${invoiceListEn}
Finance to review the collection history and the chance of recovery and approve under the write-off policy; a write-off does not release the debtor from the debt.`,
  },
];

/**
 * Instalment-plan and extension offers, one per channel an offer step may take (the
 * "reminder" channel picks email, SMS or a letter per debtor).
 */
function offerTemplates(): TemplateSeed[] {
  const seeds: TemplateSeed[] = [];
  for (const channel of ['email', 'letter'] as const) {
    seeds.push(
      {
        code: 'instalment-offer',
        channel,
        language: 'zh-CN',
        tone: 'polite',
        description: `分期还款方案（${channel === 'email' ? '邮件' : '信函'}）`,
        subject: '{{creditor.name}}：分期还款方案',
        body: `尊敬的{{debtor.name}}：

我们理解贵司近期资金安排可能较为紧张。截至 {{date asOf}}，贵司尚欠 {{money totals.overdueMinor currency}}。为便于贵司安排付款，我们提出以下分期方案，共 {{offer.instalmentCount}} 期：
- 首付款：{{money offer.downPaymentMinor offer.currency}}，请于收到本函后尽快支付
${scheduleZh}
如同意本方案，请回复确认或致电 {{creditor.phone}}；如有其他安排，也欢迎与我们商议。收款账户：{{creditor.bankAccount}}。

{{creditor.name}} 应收账款部`,
      },
      {
        code: 'instalment-offer',
        channel,
        language: 'en',
        tone: 'polite',
        description: `Instalment plan offer (${channel})`,
        subject: '{{creditor.name}}: an instalment plan for your account',
        body: `Dear {{debtor.name}},

We understand that cash may be tight at the moment. As of {{date asOf}} your account owes {{money totals.overdueMinor currency}}. To make payment easier we propose {{offer.instalmentCount}} instalments:
- down payment: {{money offer.downPaymentMinor offer.currency}}, on acceptance
${scheduleEn}
Please reply to accept, or call {{creditor.phone}} to discuss another arrangement. Bank account: {{creditor.bankAccount}}.

{{creditor.name}} Accounts Receivable`,
      },
      {
        code: 'extension-offer',
        channel,
        language: 'zh-CN',
        tone: 'polite',
        description: `付款展期方案（${channel === 'email' ? '邮件' : '信函'}）`,
        subject: '{{creditor.name}}：付款展期方案',
        body: `尊敬的{{debtor.name}}：

截至 {{date asOf}}，贵司尚欠 {{money totals.overdueMinor currency}}。考虑到双方的长期合作，我们同意将付款期限延长至 {{date offer.lastDueOn}}。请于该日前将款项支付至：{{creditor.bankAccount}}。如同意，请回复确认或致电 {{creditor.phone}}。

{{creditor.name}} 应收账款部`,
      },
      {
        code: 'extension-offer',
        channel,
        language: 'en',
        tone: 'polite',
        description: `Payment extension offer (${channel})`,
        subject: '{{creditor.name}}: more time to pay',
        body: `Dear {{debtor.name}},

As of {{date asOf}} your account owes {{money totals.overdueMinor currency}}. In view of our long relationship we can extend the payment date to {{date offer.lastDueOn}}. Please pay by then to: {{creditor.bankAccount}}, and reply or call {{creditor.phone}} to confirm.

{{creditor.name}} Accounts Receivable`,
      },
    );
  }
  seeds.push(
    {
      code: 'instalment-offer',
      channel: 'sms',
      language: 'zh-CN',
      tone: 'polite',
      description: '分期还款方案（短信）',
      subject: null,
      body: '【{{creditor.name}}】{{debtor.name}}您好，贵司欠款 {{money totals.overdueMinor currency}} 可分 {{offer.instalmentCount}} 期支付，首付 {{money offer.downPaymentMinor offer.currency}}，末期 {{date offer.lastDueOn}}。详询 {{creditor.phone}}。',
    },
    {
      code: 'instalment-offer',
      channel: 'sms',
      language: 'en',
      tone: 'polite',
      description: 'Instalment plan offer (SMS)',
      subject: null,
      body: '{{creditor.name}}: {{debtor.name}}, you may pay {{money totals.overdueMinor currency}} in {{offer.instalmentCount}} instalments, {{money offer.downPaymentMinor offer.currency}} down, last by {{date offer.lastDueOn}}. Call {{creditor.phone}}.',
    },
    {
      code: 'extension-offer',
      channel: 'sms',
      language: 'zh-CN',
      tone: 'polite',
      description: '付款展期方案（短信）',
      subject: null,
      body: '【{{creditor.name}}】{{debtor.name}}您好，贵司欠款 {{money totals.overdueMinor currency}} 的付款期限可延至 {{date offer.lastDueOn}}，如同意请回复或致电 {{creditor.phone}}。',
    },
    {
      code: 'extension-offer',
      channel: 'sms',
      language: 'en',
      tone: 'polite',
      description: 'Payment extension offer (SMS)',
      subject: null,
      body: '{{creditor.name}}: {{debtor.name}}, you may pay {{money totals.overdueMinor currency}} by {{date offer.lastDueOn}}. Reply or call {{creditor.phone}} to confirm.',
    },
  );
  return seeds;
}
