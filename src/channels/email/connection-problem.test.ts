import { describe, expect, it } from 'vitest';
import { imapProblem, smtpProblem } from './connection-problem.js';
import { emailSettingsSchema } from './settings.js';

const settings = emailSettingsSchema.parse({
  address: 'help@shop.example',
  inbound: 'imap',
  imapHost: 'imap.shop.example',
  smtpHost: 'smtp.shop.example',
});

describe('mail server connection problems as codes', () => {
  it('names an unreachable SMTP server and its port, from the socket error nodemailer wraps', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:587'), { code: 'ESOCKET' });
    expect(smtpProblem(refused, settings)).toEqual({
      service: 'smtp',
      problem: 'unreachable',
      host: 'smtp.shop.example',
      port: 587,
    });
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND smtp.shop.example'), { code: 'EDNS' });
    expect(smtpProblem(dns, settings).problem).toBe('unreachable');
  });

  it('tells a refused login, a TLS mismatch, an answer and a timeout apart', () => {
    expect(smtpProblem({ code: 'EAUTH', message: 'Invalid login' }, settings)).toMatchObject({
      problem: 'auth',
      user: 'help@shop.example',
    });
    expect(smtpProblem({ code: 'ESOCKET', message: 'wrong version number' }, settings).problem).toBe('tls');
    expect(smtpProblem({ code: 'EENVELOPE', responseCode: 550, response: '550 no' }, settings).problem).toBe(
      'answered',
    );
    expect(smtpProblem({ code: 'ETIMEDOUT' }, settings).problem).toBe('timeout');
  });

  it('reads imapflow failures: login, missing folder, unreachable, timeout', () => {
    expect(imapProblem({ authenticationFailed: true }, settings)).toEqual({
      service: 'imap',
      problem: 'auth',
      host: 'imap.shop.example',
      port: 993,
      user: 'help@shop.example',
    });
    expect(imapProblem({ mailboxMissing: true }, settings)).toMatchObject({
      problem: 'folder',
      folder: 'INBOX',
    });
    expect(imapProblem({ code: 'ECONNREFUSED' }, settings).problem).toBe('unreachable');
    expect(imapProblem({ code: 'GREETING_TIMEOUT' }, settings).problem).toBe('timeout');
    expect(imapProblem({ message: 'odd' }, settings).problem).toBe('other');
  });
});
