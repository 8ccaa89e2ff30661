// Scan-to-login contract (扫码登录): the PC's ticket, the phone's confirmation, the PC's poll.
import { Type, type Static } from '@sinclair/typebox';
import { SessionSchema } from './account';
import { TICKET_PATTERN } from './qr-login-rules';

export const QR_LOGIN_ERRORS = {
  QR_TICKET_NOT_FOUND: '二维码无效，请在电脑上刷新后重新扫码',
  QR_TICKET_EXPIRED: '二维码已过期，请在电脑上刷新后重新扫码',
  QR_TICKET_USED: '该二维码已使用，请在电脑上刷新后重新扫码',
} as const;
export type QrLoginErrorCode = keyof typeof QR_LOGIN_ERRORS;

const Ticket = Type.String({ pattern: TICKET_PATTERN });

export const QrTicketSchema = Type.Object({
  ticket: Ticket,
  /** Only the PC that asked gets it, and it is not in the QR code: the poll must present it. */
  secret: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  qrText: Type.String(),
  qrDataUrl: Type.String(),
});
export type QrTicket = Static<typeof QrTicketSchema>;

export const QrTicketParamsSchema = Type.Object({ ticket: Ticket });

export const QrPollBodySchema = Type.Object(
  { ticket: Ticket, secret: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export const QrPollStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('refused'),
  Type.Literal('expired'),
  Type.Literal('confirmed'),
]);
export type QrPollStatus = Static<typeof QrPollStatusSchema>;

export const QrPollResultSchema = Type.Object({
  status: QrPollStatusSchema,
  session: Type.Optional(SessionSchema),
});
export type QrPollResult = Static<typeof QrPollResultSchema>;

/** What the phone shows before its owner confirms: where the login would happen. */
export const QrTicketInfoSchema = Type.Object({
  ipMasked: Type.String(),
  browser: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type QrTicketInfo = Static<typeof QrTicketInfoSchema>;

export const QrDecisionSchema = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('refused')]),
});
