import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseName } from '../../src/db/libsql.node.ts';

describe('databaseName', () => {
  it('shows a server without the credentials its URL carries', () => {
    expect(databaseName('libsql://alice:pw@db.example.org?authToken=abc&tls=1')).toBe('libsql://db.example.org?tls=1');
  });

  it('shows a relative file with the path it names from the working directory', () => {
    expect(databaseName('file:./data/undersigned.db')).toBe(`file:./data/undersigned.db (${join(process.cwd(), 'data/undersigned.db')})`);
    expect(databaseName('file:///srv/undersigned/data/undersigned.db')).toBe('file:///srv/undersigned/data/undersigned.db');
  });
});
