// Messages contract: the in-app list, the unread count, and one-time subscribe grants.
import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_KINDS } from './message-kinds';

export const MessageKindSchema = Type.Union(MESSAGE_KINDS.map((k) => Type.Literal(k)));

export const MessageSchema = Type.Object({
  id: Type.String(),
  kind: MessageKindSchema,
  title: Type.String(),
  body: Type.String(),
  /** A page of the app to open, e.g. '/features/station/pages/booking/index?id=3'. */
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
export type Message = Static<typeof MessageSchema>;

export const MessageListQuerySchema = Type.Object(
  {
    before: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,18}$', description: 'page: ids below this one' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);

export const MessageListSchema = Type.Object({
  items: Type.Array(MessageSchema),
  unread: Type.Integer(),
  /** Pass as `before` for the next page; null at the end. */
  next: Type.Union([Type.String(), Type.Null()]),
});
export type MessageList = Static<typeof MessageListSchema>;

export const UnreadSchema = Type.Object({ unread: Type.Integer() });
export type Unread = Static<typeof UnreadSchema>;

export const MessageParamsSchema = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

/** The template ids the client may ask the user to subscribe to, by message kind (only configured ones). */
export const SubscribeTemplatesSchema = Type.Object({
  templates: Type.Record(Type.String(), Type.String()),
});
export type SubscribeTemplates = Static<typeof SubscribeTemplatesSchema>;

/** What wx.requestSubscribeMessage answered 'accept' for: one grant per kind listed. */
export const GrantBodySchema = Type.Object(
  { kinds: Type.Array(MessageKindSchema, { minItems: 1, maxItems: 3, uniqueItems: true }) },
  { additionalProperties: false },
);
export type GrantBody = Static<typeof GrantBodySchema>;

export const GrantResultSchema = Type.Object({ granted: Type.Integer() });
