import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';

import { startLocalSmtp } from '@huikuan/plugin-collections/channels/local-smtp';
import { startLocalSmsc } from '@huikuan/plugin-collections/channels/sms/local-smsc';

import { generatePortfolio } from '../demo/generate-portfolio';
import { addDays, todayIn } from '@huikuan/plugin-collections/domain/dates';
import { modelTable } from '@huikuan/plugin-collections/utils/model';
import { runMain } from './args';
import { appDir, bootStrapi } from './boot';
import { formatCycleReport } from './print';
import { redisReachable, startPrivateRedis } from './redis';

/** Whether nothing listens on host:port yet (so the demo can serve there). */
const portFree = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });

const DEMO_ADMIN = {
  email: 'admin@huikuan.local',
  password: 'Huikuan-demo-2026',
  firstname: '演示',
  lastname: '管理员',
};

/** Builds the Strapi admin panel once; later runs reuse it. */
const ensureAdminBuild = (): void => {
  if (fs.existsSync(path.join(appDir, 'dist', 'build', 'index.html'))) return;
  console.log('正在构建 Strapi 管理后台 Building the Strapi admin panel (once, about a minute)…');
  const result = spawnSync('npx', ['strapi', 'build', '--minify'], {
    cwd: appDir,
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) throw new Error('strapi build failed: see the output above');
};

const ensureAdminUser = async (strapi: Core.Strapi): Promise<boolean> => {
  const users = strapi.service('admin::user') as {
    exists(): Promise<boolean>;
    createFirstAdmin(input: object): Promise<unknown>;
  };
  if (await users.exists()) return false;
  await users.createFirstAdmin(DEMO_ADMIN);
  return true;
};

/**
 * Runs the days before today that have not been run yet, so the demo starts
 * like a system that has been collecting for a week: cases part-way through
 * their cadence, reminders already sent.
 */
const warmUp = async (strapi: Core.Strapi, today: string, days: number): Promise<void> => {
  const cases = modelTable(strapi, 'api::collection-case.collection-case');
  const latest = await strapi.db
    .connection(cases.table)
    .max({ last: cases.column('lastAsOf') })
    .first();
  const last = latest?.last ? String(latest.last).slice(0, 10) : '';
  for (let back = days; back >= 1; back -= 1) {
    const asOf = addDays(today, -back);
    if (asOf <= last) continue;
    const { actions } = await strapi.plugin('collections').service('cycle').run({ asOf });
    console.log(
      `  ${asOf}: ${actions.planned} planned, ${actions.sent} sent, ${actions.tasks} tasks, ` +
        `${actions.cancelled} cancelled`,
    );
  }
};

/** The collection agencies of the demo; the shipped LL strategy hands cases to AGENCY-01. */
const DEMO_AGENCIES = [
  {
    code: 'AGENCY-01',
    name: '华东信用管理有限公司',
    contactName: '陈经理',
    phone: '021-5555-0101',
    email: 'cases@agency01.example.com',
    commissionPercent: 20,
    regions: '上海、江苏、浙江、安徽',
  },
  {
    code: 'AGENCY-02',
    name: '华南商账追收服务有限公司',
    contactName: '李经理',
    phone: '020-5555-0202',
    email: 'cases@agency02.example.com',
    commissionPercent: 18,
    regions: '广东、福建、广西、海南',
  },
];

const ensureDemoAgencies = async (strapi: Core.Strapi): Promise<void> => {
  for (const agency of DEMO_AGENCIES) {
    const found = await strapi
      .documents('api::agency.agency')
      .findFirst({ filters: { code: agency.code } } as never);
    if (!found) {
      await strapi
        .documents('api::agency.agency')
        .create({ data: { ...agency, active: true } } as never);
    }
  }
};

/** The demo's own mail and SMS servers on 127.0.0.1, unless SMTP_URL / SMPP_URL point elsewhere. */
const DEMO_SMTP_PORT = Number(process.env.HUIKUAN_DEMO_SMTP_PORT ?? 2525);
const DEMO_SMPP_PORT = Number(process.env.HUIKUAN_DEMO_SMPP_PORT ?? 2775);
const DEMO_SMPP = { systemId: 'huikuan', password: 'demo-smpp' };

/**
 * Starts a real SMTP server and a real SMSC on 127.0.0.1 for the demo's messages, logging
 * what they receive under var/demo/, and points the dispatcher at them.
 */
const startDemoServers = async (rootDir: string) => {
  const wanted = [
    ['SMTP', DEMO_SMTP_PORT, 'HUIKUAN_DEMO_SMTP_PORT', !process.env.SMTP_URL],
    ['SMPP', DEMO_SMPP_PORT, 'HUIKUAN_DEMO_SMPP_PORT', !process.env.SMPP_URL],
  ] as const;
  for (const [what, port, variable, needed] of wanted) {
    if (needed && !(await portFree('127.0.0.1', port))) {
      throw new Error(
        `the demo's ${what} server cannot listen on 127.0.0.1:${port}: stop what uses it, or set ${variable}`,
      );
    }
  }
  const dir = path.join(rootDir, 'var', 'demo');
  const servers: Array<{ close(): Promise<void> }> = [];
  const started: string[] = [];
  if (!process.env.SMTP_URL) {
    const smtp = await startLocalSmtp({ port: DEMO_SMTP_PORT, dir: path.join(dir, 'smtp') });
    process.env.SMTP_URL = smtp.url;
    servers.push(smtp);
    started.push(
      `  SMTP 邮件服务器 mail server:  ${smtp.url} (log: ${path.join(dir, 'smtp', 'smtp.log')})`,
    );
  }
  if (!process.env.SMPP_URL && !process.env.HUIKUAN_SMS_PROVIDER) {
    const logFile = path.join(dir, 'smsc.log');
    fs.mkdirSync(dir, { recursive: true });
    const smsc = await startLocalSmsc({ ...DEMO_SMPP, port: DEMO_SMPP_PORT, logFile });
    process.env.SMPP_URL = `smpp://${DEMO_SMPP.systemId}:${DEMO_SMPP.password}@127.0.0.1:${smsc.port}`;
    servers.push(smsc);
    started.push(`  SMPP 短信中心 SMSC:           127.0.0.1:${smsc.port} (log: ${logFile})`);
  }
  return { started, close: () => Promise.all(servers.map((server) => server.close())) };
};

/**
 * `npm run demo`: a seeded portfolio of a Chinese manufacturer on embedded
 * SQLite, today's collection run through a local SMTP server and SMSC, then the
 * Strapi admin and the Node-RED editor.
 */
const main = async (): Promise<number> => {
  const demoServers = await startDemoServers(loadConfig().rootDir);
  const config = loadConfig();
  const strapiHost = process.env.HOST ?? '127.0.0.1';
  const strapiPort = Number(process.env.PORT ?? 1337);
  for (const [what, host, port, variable] of [
    ['Strapi', strapiHost, strapiPort, 'PORT'],
    ['Node-RED', config.flows.host, config.flows.port, 'HUIKUAN_FLOWS_PORT'],
  ] as const) {
    // The demo's own SMTP and SMPP servers are up already (they fail on a taken port).
    if (!(await portFree(host, port))) {
      console.error(
        `${what} cannot listen on ${host}:${port}: stop what uses it, or set ${variable}.`,
      );
      return 1;
    }
  }
  let redis: ChildProcess | null = null;
  if (!(await redisReachable(config.redis.url))) {
    redis = await startPrivateRedis(config.redis.url, path.join(config.rootDir, 'var', 'redis'));
    if (!redis) {
      console.error(
        `Redis is not reachable at ${config.redis.url}: ` +
          'install redis-server (apt-get install redis-server) or set REDIS_URL.',
      );
      return 1;
    }
    console.log(`已启动私有 Redis Started a private redis-server for ${config.redis.url}`);
  }

  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  ensureAdminBuild();
  const strapi = await bootStrapi();
  const { seed, debtors } = config.demo;
  const today = todayIn(config.defaultTimeZone);
  const batch = generatePortfolio({ seed, debtors, today });
  const counts = await strapi.plugin('collections').service('ledger').writeBatch(batch);
  console.log(
    `演示数据 Demo portfolio (seed ${seed}): ${batch.debtors.length} debtors, ` +
      `${batch.invoices.length} invoices, ${batch.payments.length} payments; ` +
      `${counts.invoices.created} invoices new.`,
  );

  await ensureDemoAgencies(strapi);
  const cycle = strapi.plugin('collections').service('cycle');
  const runtime = await cycle.strategyRuntime({ host: config.flows.host, port: config.flows.port });
  // The payment model learns from the history settled before the warm-up days.
  const model = await strapi
    .plugin('scoring')
    .service('models')
    .trainPayment({ asOf: addDays(today, -config.demo.warmupDays - 1) });
  console.log(
    `付款预测模型 Payment model ${model.modelKey}: trained on ${model.trainedOn.invoices} settled invoices`,
  );
  await warmUp(strapi, today, config.demo.warmupDays);
  const report = await cycle.run({});
  console.log(formatCycleReport(report));

  const created = await ensureAdminUser(strapi);
  await strapi.start();
  // Workers keep sending while the demo runs: a retried dead letter, an event's new step.
  const dispatch = strapi.plugin('collections').service('dispatch');
  const workers = await dispatch.startWorkers();
  const sweep = setInterval(() => {
    dispatch.enqueueDue().catch((error: Error) => console.error(`sweep: ${error.message}`));
  }, config.dispatch.sweepMs);
  const admin = `http://${strapi.config.get('server.host')}:${strapi.config.get('server.port')}/admin`;
  console.log(
    [
      '',
      '回款 Huikuan demo is running / 演示已启动:',
      `  Strapi 管理后台 admin:      ${admin}`,
      `    login 登录: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}${created ? ' (created now)' : ''}`,
      `  Node-RED 策略编辑器 editor: ${runtime.editorUrl}`,
      ...demoServers.started,
      `  信函与移交档案 letters, dossiers: ${config.dispatch.documentsDir}`,
      '  Ctrl+C 停止 to stop.',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(sweep);
  await workers.close();
  await strapi.destroy();
  await demoServers.close();
  redis?.kill();
  return 0;
};

runMain(main);
