import type { Store } from '../domain/store.ts';
import type { Database } from './database.ts';
import { exportPageStore } from './raw/export-page.ts';
import { listReleaseCountStore } from './raw/list-releases.ts';
import { outboxClaimStore } from './raw/outbox-claim.ts';
import { publicListStore } from './raw/public-list.ts';
import { signingStore } from './raw/signing.ts';
import { groupCommit, type SqlBatch } from './sql-batch.ts';
import { affiliationStore } from './stores/affiliations.ts';
import { exportStore } from './stores/export.ts';
import { growthStore } from './stores/growth.ts';
import { letterStore } from './stores/letters.ts';
import { listReleaseStore } from './stores/list-releases.ts';
import { mailStore } from './stores/mail.ts';
import { moderationStore } from './stores/moderation.ts';
import { organizerStore } from './stores/organizers.ts';
import { purgeStore } from './stores/purge.ts';

/**
 * The {@link Store} on drizzle: every state change in it is a single statement or one `db.batch`.
 * The query builder writes all of it (stores/) except the few hot or inexpressible statements in
 * raw/: writes go through `batch`, signings and confirmations through `commit` (group commit: by
 * default on this thread; on Node's write thread, see openDatabase), and the reads readers of a viral
 * letter make through `read`, which may be a connection of its own.
 */
export function createStore(db: Database, batch: SqlBatch, read: SqlBatch = batch, commit: SqlBatch = groupCommit(batch)): Store {
  return {
    ...letterStore(db),
    ...signingStore({ batch, read, commit }),
    ...mailStore(db),
    ...outboxClaimStore(batch),
    ...purgeStore(db),
    ...organizerStore(db),
    ...moderationStore(db),
    ...publicListStore(read),
    ...affiliationStore(db),
    ...listReleaseStore(db),
    ...listReleaseCountStore(batch),
    ...exportStore(db),
    ...exportPageStore(batch),
    ...growthStore(db),
  };
}
