import { redactFields, redactUrl } from '../redact';

describe('redaction of secrets in log fields', () => {
  it('masks the password of any URL in a text', () => {
    expect(redactUrl('connect smtp://ar:S3cret!@mail.example.com:587 failed')).toBe(
      'connect smtp://ar:***@mail.example.com:587 failed',
    );
    expect(redactUrl('smpp://huikuan:pw@127.0.0.1:2775 and redis://:pass@host:6379')).toBe(
      'smpp://huikuan:***@127.0.0.1:2775 and redis://:***@host:6379',
    );
    expect(redactUrl('https://example.com/path')).toBe('https://example.com/path');
    expect(redactUrl("bad SMTP_URL 'smtp//ar:s3cretPW@127.0.0.1:2525'")).toBe(
      "bad SMTP_URL 'smtp//ar:***@127.0.0.1:2525'",
    );
    expect(redactUrl('at 10:30 in room 4')).toBe('at 10:30 in room 4');
  });

  it('masks fields named like secrets and leaves the rest', () => {
    expect(
      redactFields({
        accessKeySecret: 'abc',
        password: 'x',
        authorization: 'TC3-HMAC-SHA256 Credential=…',
        action: 'doc1',
        count: 3,
      }),
    ).toEqual({
      accessKeySecret: '***',
      password: '***',
      authorization: '***',
      action: 'doc1',
      count: 3,
    });
  });
});
