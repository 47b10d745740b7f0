/**
 * The pragmas a new connection gets; each is per connection, so every connection runs them all.
 * Every database enforces foreign keys. A local file also gets WAL (readers never wait for the
 * writer), synchronous=FULL (an answered signature survives a power cut, not only a crash), a busy
 * timeout for other connections and processes, and secure_delete: SQLite otherwise leaves a deleted
 * row's bytes in the page, so a purged email address would stay readable in the file.
 */
export function connectionPragmas({ localFile }: { localFile: boolean }): string[] {
  const file = ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = FULL', 'PRAGMA busy_timeout = 5000', 'PRAGMA secure_delete = ON'];
  return [...(localFile ? file : []), 'PRAGMA foreign_keys = ON'];
}
