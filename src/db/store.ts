import type { Store } from '../domain/store.ts';
import type { Database } from './database.ts';
import type { SqlBatch } from './sql-batch.ts';
import { affiliationStore } from './stores/affiliations.ts';
import { exportStore } from './stores/export.ts';
import { letterStore } from './stores/letters.ts';
import { mailStore } from './stores/mail.ts';
import { moderationStore } from './stores/moderation.ts';
import { organizerStore } from './stores/organizers.ts';
import { publicListStore } from './stores/public-list.ts';
import { purgeStore } from './stores/purge.ts';
import { signingStore } from './stores/signing.ts';

/** The {@link Store} on drizzle: every state change in it is a single statement or one `db.batch`. */
export function createStore(db: Database, batch: SqlBatch): Store {
  return {
    ...letterStore(db),
    ...signingStore(batch),
    ...mailStore(db, batch),
    ...purgeStore(db),
    ...organizerStore(db),
    ...moderationStore(db),
    ...publicListStore(db),
    ...affiliationStore(db),
    ...exportStore(db, batch),
  };
}
