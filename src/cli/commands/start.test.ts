import { describe, expect, it } from 'vitest';
import { UsageError } from '../command.js';
import { startRole } from './start.js';

describe('rapport start --role', () => {
  it('defaults to all and takes web or worker', () => {
    expect(startRole([])).toBe('all');
    expect(startRole(['--role', 'web'])).toBe('web');
    expect(startRole(['--role=worker'])).toBe('worker');
  });

  it('refuses any other role or argument', () => {
    expect(() => startRole(['--role', 'cron'])).toThrow(UsageError);
    expect(() => startRole(['extra'])).toThrow(UsageError);
  });
});
