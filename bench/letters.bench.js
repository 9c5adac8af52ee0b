#!/usr/bin/env node
/**
 * Benchmark of the PDF letters: demand letters (催款函) for generated debtors, one
 * after the other as the dispatcher renders them, then as many statements of account.
 *
 *   npm run build && node bench/letters.bench.js -- [--letters 200] [--seed 1]
 *
 * Debtors, invoices and amounts come from a seeded generator (the same seed gives the
 * same letters): 1 to 40 open invoices each, a quarter of the letters in English. The
 * first letter is timed apart, since it reads the two font files (about 35 MB).
 * Prints the time per document (wall clock, and CPU time, which a busy machine disturbs
 * less), the average and largest file size and peak memory; it asserts nothing and writes
 * no file.
 */
const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const letterCount = Number(argValue('letters', '200'));
let seed = Number(argValue('seed', '1'));
if (!(Number.isSafeInteger(letterCount) && letterCount > 1))
  throw new Error('--letters must be a whole number of at least 2');

const { renderLetterPdf } = require('../plugins/collections/dist/channels/letter/letter-pdf');
const { renderStatementPdf } = require('../plugins/collections/dist/channels/letter/statement-pdf');

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 50);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;

/** A small linear congruential generator: the same seed gives the same letters. */
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const DAY = 86_400_000;
const AS_OF = '2026-12-04';
const day = (offset) =>
  new Date(Date.parse(`${AS_OF}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
const CITIES = ['杭州', '宁波', '无锡', '佛山', '东莞', '合肥', '青岛', '成都'];
const TRADES = ['电子科技', '五金制品', '包装材料', '机电设备', '塑胶制品', '精密模具'];
const CREDITOR = {
  name: '苏州恒通精密机械有限公司',
  address: '江苏省苏州市工业园区星湖街328号创意产业园12幢',
  phone: '0512-6288 1234',
  bankName: '中国工商银行苏州工业园区支行',
  bankAccount: '1102 0201 0900 1234 567',
  accountName: '苏州恒通精密机械有限公司',
};
const BODY_ZH = [
  '根据双方签订的购销合同，我司已按约供货并开具发票。截至本函发出之日，下列发票款项已逾期未付。',
  '请贵公司于付款期限前将逾期款项足额汇入我司账户。如已付款，请将付款凭证发送给我司财务部。',
].join('\n\n');
const BODY_EN = [
  'Dear Sirs,',
  'Our records show that the invoices below are past due. Please pay the total by the deadline.',
].join('\n\n');

/** One debtor's open invoices: issued 10 to 200 days ago, due 30 days later. */
const invoicesFor = (index) =>
  Array.from({ length: 1 + Math.floor(random() * 40) }, (_, n) => {
    const age = 10 + Math.floor(random() * 190);
    const amountMinor = 50_000 + Math.floor(random() * 5_000_000);
    const paidMinor = random() < 0.2 ? Math.floor(amountMinor / 2) : 0;
    return {
      number: `FP${2026}${String(index).padStart(4, '0')}${String(n + 1).padStart(3, '0')}`,
      issueDate: day(-age),
      dueDate: day(30 - age),
      currency: 'CNY',
      amountMinor,
      paidMinor,
      creditedMinor: 0,
      openMinor: amountMinor - paidMinor,
      daysPastDue: age - 30,
    };
  });

const debtorFor = (index) => {
  const city = pick(CITIES);
  return {
    code: `K${String(index).padStart(5, '0')}`,
    name: `${city}${pick(TRADES)}有限公司`,
    address: `${city}市经济技术开发区${1 + Math.floor(random() * 900)}号`,
    contactName: random() < 0.8 ? '王经理' : null,
  };
};

const letterFor = (index, debtor, invoices) => {
  const language = random() < 0.25 ? 'en' : 'zh-CN';
  const overdue = invoices.filter((invoice) => invoice.daysPastDue > 0);
  return {
    language,
    creditor: CREDITOR,
    debtor,
    reference: `HK-2026-${String(index).padStart(6, '0')}`,
    date: AS_OF,
    title: language === 'en' ? 'Payment reminder' : '催款函',
    body: language === 'en' ? BODY_EN : BODY_ZH,
    invoices: invoices.map(({ number, issueDate, dueDate, openMinor, currency, daysPastDue }) => ({
      number,
      issueDate,
      dueDate,
      openMinor,
      currency,
      daysPastDue,
    })),
    total: { overdueMinor: overdue.reduce((sum, i) => sum + i.openMinor, 0), currency: 'CNY' },
    paymentDeadline: day(14),
  };
};

const documents = Array.from({ length: letterCount }, (_, index) => {
  const debtor = debtorFor(index + 1);
  const invoices = invoicesFor(index + 1);
  const letter = letterFor(index + 1, debtor, invoices);
  const statement = {
    language: letter.language,
    creditor: CREDITOR,
    debtor,
    reference: `DZD-2026-12-${debtor.code}`,
    asOf: AS_OF,
    invoices,
  };
  return { letter, statement };
});

/** Renders every document in turn; the first one apart (it loads the fonts). */
const run = async (label, render) => {
  let started = process.hrtime.bigint();
  const first = await render(documents[0]);
  const firstSeconds = seconds(started);
  const sizes = [first.length];
  let pages = 0;
  started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const document of documents.slice(1)) {
    const pdf = await render(document);
    sizes.push(pdf.length);
    pages += (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  }
  const rest = seconds(started);
  const { user, system } = process.cpuUsage(cpu);
  const cpuEach = (user + system) / 1000 / (sizes.length - 1);
  const average = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
  console.log(
    `${label}: first ${(firstSeconds * 1000).toFixed(0)} ms; ${sizes.length - 1} more in ` +
      `${rest.toFixed(1)} s (${((rest * 1000) / (sizes.length - 1)).toFixed(0)} ms each, ` +
      `${cpuEach.toFixed(0)} ms CPU each, ` +
      `${(pages / (sizes.length - 1)).toFixed(1)} pages each); ` +
      `size average ${kib(average)}, largest ${kib(Math.max(...sizes))}`,
  );
};

const main = async () => {
  const invoices = documents.reduce((sum, { letter }) => sum + letter.invoices.length, 0);
  console.log(`${letterCount} debtors, ${invoices} open invoices (seed ${argValue('seed', '1')})`);
  await run('letters', ({ letter }) => renderLetterPdf(letter));
  await run('statements', ({ statement }) => renderStatementPdf(statement));
  sample();
  console.log(`peak RSS ${mib(peakRss)}`);
};

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(sampler));
