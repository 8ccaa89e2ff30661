// Sends queued WeChat subscribe messages: claim due rows in a short transaction, call WeChat
// after it commits, then record each outcome. Transient failures back off exponentially
// (30 s, 1 min, 2 min … capped at 1 h) up to MAX_ATTEMPTS; a refusal (grant used up, 43101) or a
// permanent error is recorded once and never retried.
import type { FastifyInstance } from 'fastify';
import type { Job } from '../../jobs/runner';
import { WechatSendError } from '../../plugins/wechat';
import * as repo from './repo';
import { TemplateFieldError, templateData } from './template-fields';

export const OUTBOX_JOB = 'message-outbox';
export const MAX_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 60 * 60_000);
}

async function sendOne(app: FastifyInstance, item: repo.OutboxItem): Promise<void> {
  const template = app.config.wechat.templates[item.template];
  const at = app.now();
  try {
    if (!template) throw new WechatSendError(-1, `no template for ${item.template}`, 'permanent');
    let data: Record<string, { value: string }>;
    try {
      data = templateData(template, {
        kind: item.template,
        title: item.title,
        body: item.body,
        at: new Date(item.created_at),
      });
    } catch (err) {
      // WeChat would refuse it (47003) however often it is sent
      if (err instanceof TemplateFieldError)
        throw new WechatSendError(47003, err.message, 'permanent');
      throw err;
    }
    await app.wechat.sendSubscribe({
      openid: item.openid,
      templateId: template.id,
      page: 'pages/messages/index',
      data,
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
