// Privacy contract: the data export and account deletion (我的 → 隐私与数据).
import { Type, type Static } from '@sinclair/typebox';

export const PRIVACY_ERRORS = {
  ACCOUNT_STAFF_ROLE: '工作人员账号请先由管理员取消工作人员身份，再申请注销',
  ACCOUNT_STAY_IN_PROGRESS: '你正在驿站入住，请先办理退房，再申请注销账号',
} as const;
export type PrivacyErrorCode = keyof typeof PRIVACY_ERRORS;

/** What the resident types (or taps) to confirm; the server refuses a deletion without it. */
export const DELETE_CONFIRMATION = '注销账号';

export const DeleteAccountBodySchema = Type.Object(
  { confirm: Type.Literal(DELETE_CONFIRMATION, { description: `固定为「${DELETE_CONFIRMATION}」，防止误操作` }) },
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
  messages: Rows,
  staffActions: Rows,
});
export type DataExport = Static<typeof DataExportSchema>;
