/**
 * Reads `.env` from the working directory into `process.env`, if the file is there, so the server and
 * the command line started in the same folder see the same settings (DATABASE_URL above all).
 * Variables already set in the environment win over the file. Call it once, at an entry, before the
 * configuration is parsed.
 */
export function loadEnvFile(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
