import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createEmailChannel, pooledSmtpUrl } from '../email';
import { PermanentDispatchError } from '../errors';
import { startLocalSmtp } from '../local-smtp';

const message = (to: string) => ({
  actionId: 'act1',
  idempotencyKey: 'K1:reminder',
  to,
  language: 'zh-CN',
  subject: '付款提醒',
  text: '请付款',
  html: '<p>请付款</p>',
});

describe('the email channel', () => {
  it('pools SMTP sessions unless the URL says otherwise', () => {
    expect(pooledSmtpUrl('smtp://ar:pw@mail.example.com:587')).toBe(
      'smtp://ar:pw@mail.example.com:587?pool=true',
    );
    expect(pooledSmtpUrl('smtp://127.0.0.1:2525?ignoreTLS=true&pool=false')).toBe(
      'smtp://127.0.0.1:2525?ignoreTLS=true&pool=false',
    );
  });

  it('fails for good when the server refuses the mailbox, and passes on other errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-email-'));
    const smtp = await startLocalSmtp({ dir, rejectRecipient: (to) => to.startsWith('gone@') });
    const channel = createEmailChannel({
      smtpUrl: smtp.url,
      outboxDir: dir,
      from: 'ar@huikuan.local',
    });
    try {
      const sent = await channel.send(message('ok@example.com'));
      expect(sent).toMatchObject({ providerMessageId: '<act1@huikuan>', via: 'smtp', parts: 1 });
      await expect(channel.send(message('gone@example.com'))).rejects.toBeInstanceOf(
        PermanentDispatchError,
      );
      expect(smtp.received.map((mail) => mail.to)).toEqual([['ok@example.com']]);
      expect(await channel.lookup?.('act1')).toBe('unknown');
    } finally {
      await channel.close();
      await smtp.close();
    }
    await smtp.close().catch(() => undefined);
    const closed = createEmailChannel({
      smtpUrl: smtp.url,
      outboxDir: dir,
      from: 'ar@huikuan.local',
    });
    const refused = await closed.send(message('ok@example.com')).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(PermanentDispatchError);
    await closed.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one .eml per action without SMTP and finds it again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-eml-'));
    const channel = createEmailChannel({ smtpUrl: null, outboxDir: dir, from: 'ar@huikuan.local' });
    expect(await channel.lookup?.('act1')).toBeNull();
    expect((await channel.send(message('ok@example.com'))).alreadyDelivered).toBe(false);
    expect((await channel.send(message('ok@example.com'))).alreadyDelivered).toBe(true);
    expect(await channel.lookup?.('act1')).toMatchObject({ alreadyDelivered: true });
    expect(fs.readdirSync(dir)).toEqual(['act1.eml']);
    await channel.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
