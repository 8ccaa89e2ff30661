// Privacy contract: the data export and account deletion (我的 → 隐私与数据). The client imports
// types from here and values from ./privacy-rules.
import { Type, type Static } from '@sinclair/typebox';
import { DELETE_CONFIRMATION } from './privacy-rules';

export const DeleteAccountBodySchema = Type.Object(
  {
    confirm: Type.Literal(DELETE_CONFIRMATION, {
      description: `固定为「${DELETE_CONFIRMATION}」，防止误操作`,
    }),
  },
  { additionalProperties: false },
);
export type DeleteAccountBody = Static<typeof DeleteAccountBodySchema>;

export const DeleteAccountResultSchema = Type.Object({
  deleted: Type.Literal(true),
  /** Places given back, by service: they went to the next person waiting, as on a cancellation. */
  released: Type.Object({
    nightSchool: Type.Integer(),
    station: Type.Integer(),
    childcare: Type.Integer(),
    volunteer: Type.Integer(),
  }),
});
export type DeleteAccountResult = Static<typeof DeleteAccountResultSchema>;

const Rows = Type.Array(Type.Record(Type.String(), Type.Unknown()));

/**
 * Everything the service keeps about the caller and their children. Other people's personal data
 * is left out: guardians appear by relation and masked phone, a request's contact only masked,
 * no roster, no other applicant, no staff name.
 */
export const DataExportSchema = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  account: Type.Record(Type.String(), Type.Unknown()),
  children: Rows,
  childcareEnrollments: Rows,
  nightSchoolApplications: Rows,
  nightSchoolAttendance: Rows,
  nightSchoolAppeals: Rows,
  stationBookings: Rows,
  stationProofs: Rows,
  volunteerSignups: Rows,
  volunteerHours: Rows,
  volunteerCertificates: Rows,
  volunteerRequests: Rows,
  /** WeChat Pay orders of the person's holds, and their refunds. */
  payments: Rows,
  refunds: Rows,
  messages: Rows,
  staffActions: Rows,
});
export type DataExport = Static<typeof DataExportSchema>;
