// Per purpose: who besides the owner may read a file, and which record claims it. A new purpose
// adds an entry here, to FILE_PURPOSES and to the files.purpose CHECK.
import type { FilePurpose } from '@/contract/files';
import type { Queryable } from '../../db/db';
import type { AuthUser } from '../../plugins/auth';
import { canManageOrg } from '../../lib/org-access';

interface Purpose {
  /** May this caller, who is not the owner, read the file? */
  mayRead: (db: Queryable, auth: AuthUser, fileId: string) => Promise<boolean>;
  /** SQL condition true when a record uses file `f` (an unclaimed file is purged after a day). */
  claimedSql: string;
}

export const PURPOSES: Record<FilePurpose, Purpose> = {
  // the staff of the station a booking is for, when that booking carries the proof
  station_proof: {
    mayRead: async (db, auth, fileId) => {
      const rows = await db.query<{ station_id: string }>(
        `SELECT b.station_id::text AS station_id
         FROM station_proofs p JOIN station_bookings b ON b.proof_id = p.id
         WHERE p.file_id = $1`,
        [fileId],
      );
      return rows.some((r) => canManageOrg(auth, r.station_id));
    },
    claimedSql: `EXISTS (SELECT 1 FROM station_proofs p WHERE p.file_id = f.id)`,
  },
  // a hardship proof: the committee (admin), who decides the reduction; nobody else
  reduction_proof: {
    mayRead: async (db, auth, fileId) => {
      if (auth.role !== 'admin') return false;
      const rows = await db.query(`SELECT 1 FROM cc_fee_reductions WHERE file_id = $1`, [fileId]);
      return rows.length > 0;
    },
    claimedSql: `EXISTS (SELECT 1 FROM cc_fee_reductions r WHERE r.file_id = f.id)`,
  },
};
