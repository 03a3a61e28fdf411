import { describe, expect, it } from 'vitest';
import { duplicateReasons, nameKey, type PersonFacts } from './duplicates.js';

const p = (name: string | null, more: Partial<PersonFacts> = {}): PersonFacts => ({
  name,
  company: null,
  emails: [],
  handles: [],
  ...more,
});

describe('duplicateReasons', () => {
  it('never suggests two strangers who only share a name', () => {
    expect(
      duplicateReasons(
        p('Sam Lee', { emails: ['sam@gmail.com'] }),
        p('Sam Lee', { emails: ['sam.lee@yahoo.com'] }),
      ),
    ).toEqual([]);
    expect(duplicateReasons(p('Sam Lee'), p('Sam Lee'))).toEqual([]);
  });

  it('needs the same name, however it is written', () => {
    expect(nameKey('  José   Núñez ')).toBe('jose nunez');
    expect(duplicateReasons(p('Ann', { company: 'Acme' }), p('Anna', { company: 'Acme' }))).toEqual([]);
    expect(
      duplicateReasons(p('José Núñez', { company: 'Acme' }), p('jose nunez', { company: 'acme' })),
    ).toHaveLength(1);
  });

  it('names each overlapping detail', () => {
    expect(
      duplicateReasons(
        p('Sam Lee', { emails: ['sam@acme.test'] }),
        p('Sam Lee', { emails: ['sam@acme.test'] }),
      ),
    ).toEqual(['same name and the same address sam@acme.test']);
    expect(
      duplicateReasons(
        p('Sam Lee', { emails: ['sam@acme.test'] }),
        p('Sam Lee', { emails: ['s.lee@acme.test'] }),
      ),
    ).toEqual(['same name, both write from @acme.test']);
    expect(
      duplicateReasons(p('Sam Lee', { handles: ['@samlee'] }), p('Sam Lee', { handles: ['SamLee'] })),
    ).toEqual(['same name and the same handle samlee']);
    expect(
      duplicateReasons(
        p('Sam Lee', { handles: ['samlee.bsky.social'] }),
        p('Sam Lee', { emails: ['samlee@gmail.com'] }),
      ),
    ).toEqual(['same name and the same user name "samlee" on different channels']);
  });
});
