import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';

function collect(format: 'json' | 'text') {
  const lines: string[] = [];
  return { lines, logger: createLogger({ format, write: (line) => lines.push(line) }) };
}

describe('the logger', () => {
  it('writes one JSON object per line in production, with level, message and fields', () => {
    const { lines, logger } = collect('json');
    logger.error('unexpected error', { route: '/l/:slug', status: 500, error: 'Error: boom\n    at somewhere' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      time: expect.any(String),
      level: 'error',
      msg: 'unexpected error',
      route: '/l/:slug',
      status: 500,
      error: 'Error: boom\n    at somewhere',
    });
  });

  it('writes a readable line in development, quoting values with spaces', () => {
    const { lines, logger } = collect('text');
    logger.info('request', { method: 'GET', route: '/l/:slug', status: 200, reason: 'two words', skipped: undefined });
    expect(lines).toEqual(['info request method=GET route=/l/:slug status=200 reason="two words"']);
  });

  it('masks anything shaped like an email address, in the message and in fields', () => {
    for (const format of ['json', 'text'] as const) {
      const { lines, logger } = collect(format);
      logger.warn('mail failed for ada@example.org', { error: 'RCPT TO:<ada.l@example.org> rejected' });
      expect(lines[0]).not.toMatch(/ada|example\.org/);
      expect(lines[0]).toContain('[address]');
    }
  });
});
