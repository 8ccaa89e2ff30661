import type { Queryable } from '../../db/db';

export interface ChildRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_number_masked: string;
  school: string | null;
  grade: string | null;
  created_at: Date | string;
}

const COLUMNS = `id::text AS id, name, gender, birth_date, id_number_masked, school, grade, created_at`;

export async function listChildren(db: Queryable, parentId: string): Promise<ChildRow[]> {
  return db.query<ChildRow>(`SELECT ${COLUMNS} FROM children WHERE parent_id = $1 ORDER BY id`, [parentId]);
}

export interface NewChild {
  parentId: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumberHmac: string;
  idNumberMasked: string;
  school: string | null;
  grade: string | null;
}

/** Returns null when this parent already has a child with that ID number. */
export async function insertChild(db: Queryable, c: NewChild): Promise<ChildRow | null> {
  const rows = await db.query<ChildRow>(
    `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8)
     ON CONFLICT (parent_id, id_number_hmac) DO NOTHING
     RETURNING ${COLUMNS}`,
    [c.parentId, c.name, c.gender, c.birthDate, c.idNumberHmac, c.idNumberMasked, c.school, c.grade],
  );
  return rows[0] ?? null;
}

/** Deletes only the parent's own child; returns false otherwise. */
export async function deleteChild(db: Queryable, parentId: string, id: string): Promise<boolean> {
  const rows = await db.query(`DELETE FROM children WHERE id = $1 AND parent_id = $2 RETURNING id`, [id, parentId]);
  return rows.length > 0;
}
