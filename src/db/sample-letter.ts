import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { letters } from './schema.ts';

/**
 * An original text written for this project, in the spirit of the open letter that more than 2,500
 * people of Belarus's IT sector signed in August 2020. It is a sample: it exists so a fresh site has
 * something to read and sign.
 */
export const SAMPLE_LETTER = {
  slug: 'code-does-not-grow-in-fear',
  title: 'Code does not grow in fear',
  summary: 'A sample open letter from people who build software, to those who hold power over them.',
  body: `*This is a sample letter that comes with Undersigned, so that a new site has something to read and to
sign. Replace it with your own.*

We build software. We write the apps your neighbours use to pay, to learn, to call their families.
We found companies, we invest in them, we teach the next people who will write code after us. Many of
us could work anywhere in the world. We chose to work here, because this is our home.

In the last weeks we have watched colleagues detained for what they said, offices searched, and the
internet switched off for days while people tried to find out whether their friends were safe. We have
watched engineers pack their laptops and leave.

**Ideas do not grow in an atmosphere of fear and violence.** No one starts a company, takes a risk or
tells the truth about a bug when telling the truth can cost them their freedom.

We ask for three things:

1. Release everyone detained for peacefully stating their views.
2. Stop cutting the internet. A country that switches off its networks switches off its future.
3. Investigate the violence of the last weeks openly, and hold those responsible to account.

We sign with our own names, because we want to keep building here — in the open, and without fear.`,
};

/** Creates the sample letter, open for signing, on a database with no letters yet. */
export async function ensureSampleLetter(db: Database, now: Date): Promise<void> {
  const at = now.getTime();
  await db.run(sql`
    INSERT INTO ${letters} (slug, title, summary, body, lang, status, signature_count, count_updated_at, created_at, updated_at)
    SELECT ${SAMPLE_LETTER.slug}, ${SAMPLE_LETTER.title}, ${SAMPLE_LETTER.summary}, ${SAMPLE_LETTER.body},
           'en', 'open', 0, ${at}, ${at}, ${at}
    WHERE NOT EXISTS (SELECT 1 FROM ${letters})`);
}
