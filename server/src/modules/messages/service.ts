// Messages to a person. Services call notify() inside the transaction of the event itself
// (booking approved, offer made, …): the in-app message and, when the person granted one, the
// WeChat outbox row commit or roll back with the event.
import type { FastifyInstance } from 'fastify';
import type { Message, MessageList } from '@/contract/messages';
import type { MessageKind } from '@/contract/message-kinds';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import * as repo from './repo';
import { toIso } from '../../lib/format-time';

export interface Notice {
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  link?: string | null;
}

// A page of the app, or nothing: a message never links outside the app.
const LINK_PATTERN = /^\/(pages|features)\/[a-z0-9/-]+(\?[A-Za-z0-9=&_-]*)?$/;

/** Writes the message; queues a WeChat message only if the kind has a template and a grant is left. */
export async function notify(app: FastifyInstance, tx: Queryable, notice: Notice): Promise<string> {
  const link = notice.link && LINK_PATTERN.test(notice.link) ? notice.link : null;
  const at = app.now();
  const id = await repo.insertMessage(tx, { ...notice, link, at });
  if (
    app.config.wechat.templates[notice.kind] &&
    (await repo.spendGrant(tx, notice.userId, notice.kind, id, at))
  ) {
    await repo.enqueueOutbox(tx, id, notice.kind, at);
  }
  return id;
}

function present(row: repo.MessageRow): Message {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: toIso(row.created_at),
    read: row.read_at !== null,
  };
}

export async function listMessages(
  app: FastifyInstance,
  userId: string,
  before: string | null,
  limit: number,
): Promise<MessageList> {
  const rows = await repo.listMessages(app.db, userId, before, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(present),
    unread: await repo.countUnread(app.db, userId),
    next: rows.length > limit ? page[page.length - 1].id : null,
  };
}

export const unreadCount = (app: FastifyInstance, userId: string) =>
  repo.countUnread(app.db, userId);

export async function markRead(app: FastifyInstance, userId: string, id: string): Promise<void> {
  if (!(await repo.markRead(app.db, userId, id, app.now())))
    throw new AppError('MESSAGE_NOT_FOUND', '未找到该消息', 404);
}

export const markAllRead = (app: FastifyInstance, userId: string) =>
  repo.markAllRead(app.db, userId, app.now());

// WeChat lets a user accept the same template again and again; past this many unspent grants per
// kind more are useless and only grow the table.
const MAX_OPEN_GRANTS = 20;

/** Records one-time grants the user just accepted in wx.requestSubscribeMessage. */
export async function recordGrants(
  app: FastifyInstance,
  userId: string,
  kinds: MessageKind[],
): Promise<number> {
  return app.db.transaction(async (tx) => {
    const wanted: MessageKind[] = [];
    for (const kind of kinds) {
      if (!app.config.wechat.templates[kind]) continue; // not configured: nothing to send with it
      if ((await repo.countOpenGrants(tx, userId, kind)) < MAX_OPEN_GRANTS) wanted.push(kind);
    }
    return wanted.length ? repo.insertGrants(tx, userId, wanted, app.now()) : 0;
  });
}

/** Message kind → template id, for the client's wx.requestSubscribeMessage. */
export function configuredTemplates(app: FastifyInstance): Record<string, string> {
  return Object.fromEntries(
    Object.entries(app.config.wechat.templates).map(([kind, t]) => [kind, t.id]),
  );
}
