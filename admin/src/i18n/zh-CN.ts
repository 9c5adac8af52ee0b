import type { TranslationMessages } from 'react-admin';

import { raChineseMessages } from './ra-zh-CN';

/**
 * Huikuan's own texts in Simplified Chinese, the default locale. Keys: `resources.<resource>.*`
 * for what react-admin looks up by itself, `ar.*` for everything else. en.ts must have the same
 * keys: its type is derived from this object.
 */
export const huikuanChinese = {
  resources: {
    debtors: {
      name: '债务人',
      fields: {
        code: '客户编号',
        name: '名称',
        taxId: '纳税人识别号',
        industry: '行业',
        region: '地区',
        address: '地址',
        timeZone: '时区',
        language: '沟通语言',
        creditLimit: '信用额度',
        assignedCollector: '催收负责人',
        invoices: '发票',
        region_containsi: '地区包含',
        industry_containsi: '行业包含',
      },
    },
    invoices: {
      name: '发票',
      fields: {
        number: '发票号码',
        debtor: '债务人',
        issueDate: '开票日期',
        dueDate: '到期日',
        amount: '金额',
        currency: '币种',
        openAmount: '未收金额',
        settlementStatus: '状态',
        disputed: '有争议',
      },
    },
    'collection-cases': {
      name: '催收案件',
      fields: {
        caseKey: '案件编号',
        debtor: '债务人',
        caseStatus: '状态',
        stage: '催收阶段',
        maxDaysPastDue: '最长逾期天数',
        maxDaysPastDue_gte: '最长逾期天数不少于',
        overdueAmount: '逾期金额',
        overdueInvoices: '逾期发票数',
        openedOn: '立案日期',
      },
    },
    actions: {
      name: '催收动作',
      fields: {
        idempotencyKey: '幂等键',
        channel: '渠道',
        templateCode: '模板代码',
        dispatchStatus: '状态',
        dueAt: '计划执行时间',
        lastError: '最近一次错误',
      },
    },
  },
  ar: {
    auth: {
      api_token: 'API 令牌',
      api_token_help: '在 Strapi 管理后台的“设置 → API 令牌”中创建，需有读取权限',
      token_required: '请输入 Strapi API 令牌',
    },
    errors: {
      unreachable: '无法连接 Strapi。请确认 CMS 正在运行，且 VITE_STRAPI_URL 指向其 /api 地址。',
      unauthorized: 'API 令牌无效或已被撤销，请用有效的令牌重新登录。',
      forbidden: '此 API 令牌无权执行该操作。请在 Strapi 的“设置 → API 令牌”中为它开通相应权限。',
      unexpected_response: 'Strapi 返回了无法识别的数据。请确认 VITE_STRAPI_URL 以 /api 结尾。',
    },
    enums: {
      invoiceStatus: {
        open: '未收款',
        partially_paid: '部分收款',
        paid: '已收款',
        credited: '已冲红',
      },
      caseStatus: {
        open: '进行中',
        closed: '已结案',
      },
      actionStatus: {
        planned: '已计划',
        queued: '已排队',
        sending: '发送中',
        sent: '已发送',
        task_open: '待人工处理',
        failed: '失败',
        cancelled: '已取消',
      },
      channel: {
        email: '电子邮件',
        sms: '短信',
        letter: '信函',
        phone: '电话',
        visit: '上门拜访',
        legal: '法律程序',
      },
    },
  },
};

/** The shape every locale's Huikuan texts must have. */
export type HuikuanMessages = typeof huikuanChinese;

export const zhCNMessages: TranslationMessages = { ...raChineseMessages, ...huikuanChinese };
