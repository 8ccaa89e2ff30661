// Sends queued WeChat subscribe messages: claim due rows in a short transaction, call WeChat
// after it commits, then record each outcome. Transient failures back off exponentially
// (30 s, 1 min, 2 min … capped at 1 h) up to MAX_ATTEMPTS; a refusal (grant used up, 43101) or a
// permanent error is recorded once and never retried.
import type { FastifyInstance } from 'fastify';
import type { Job } from '../../jobs/runner';
import { WechatSendError } from '../../plugins/wechat';
import { formatInstant } from '@/contract/beijing-time';
import * as repo from './repo';

export const OUTBOX_JOB = 'message-outbox';
export const MAX_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 60 * 60_000);
}

// Template fields: thing1 = title, thing2 = body (WeChat caps 'thing' values at 20 characters),
// time3 = when it happened in Beijing time. Templates chosen in the WeChat console must use these.
function templateData(item: repo.OutboxItem) {
  return {
    thing1: { value: item.title.slice(0, 20) },
    thing2: { value: item.body.slice(0, 20) },
    time3: { value: formatInstant(item.created_at, 'YYYY-MM-DD HH:mm') },
  };
}

async function sendOne(app: FastifyInstance, item: repo.OutboxItem): Promise<void> {
  const templateId = app.config.wechat.templates[item.template];
  const at = app.now();
  try {
    if (!templateId) throw new WechatSendError(-1, `no template for ${item.template}`, 'permanent');
    await app.wechat.sendSubscribe({
      openid: item.openid,
      templateId,
      page: 'pages/messages/index',
      data: templateData(item),
    });
    await repo.markOutbox(app.db, item.id, { status: 'sent', at });
  } catch (err) {
    const e =
      err instanceof WechatSendError ? err : new WechatSendError(-1, String(err), 'transient');
    const error = `${e.errcode} ${e.message}`.slice(0, 300);
    if (e.kind === 'transient' && item.attempts < MAX_ATTEMPTS) {
      await repo.markOutbox(app.db, item.id, {
        status: 'pending',
        at,
        error,
        retryAt: new Date(at.getTime() + backoffMs(item.attempts)),
      });
    } else {
      await repo.markOutbox(app.db, item.id, {
        status: e.kind === 'refused' ? 'refused' : 'failed',
        at,
        error,
      });
      app.log.warn(
        { outboxId: item.id, errcode: e.errcode, kind: e.kind },
        'subscribe message not sent',
      );
    }
  }
}

export function outboxJob(app: FastifyInstance): Job {
  return {
    name: OUTBOX_JOB,
    everyMs: 5_000,
    run: async (tx, now) => {
      const items = await repo.claimDue(tx, now, LEASE_MS, BATCH);
      return {
        handled: items.length,
        afterCommit: async () => {
          for (const item of items) await sendOne(app, item);
        },
      };
    },
  };
}
