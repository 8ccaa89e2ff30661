// Uploaded files (POST /files, multipart): station eligibility proofs and childcare hardship
// proofs; a purpose adds itself to FILE_PURPOSES and says who besides the owner may read it.
import { Type, type Static } from '@sinclair/typebox';

import { FILE_MIMES, FILE_PURPOSES } from './file-rules';

export * from './file-rules';

export const FileSchema = Type.Object({
  id: Type.String(),
  purpose: Type.Union(FILE_PURPOSES.map((p) => Type.Literal(p))),
  mime: Type.Union(FILE_MIMES.map((m) => Type.Literal(m))),
  bytes: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type StoredFile = Static<typeof FileSchema>;

export const FileParamsSchema = Type.Object({
  fileId: Type.String({ pattern: '^[0-9]{1,18}$' }),
});
