// Under overload the server says so at once — 503 with Retry-After in our error shape — instead
// of letting requests queue until phones time out. The client retries with jitter and the same
// Idempotency-Key, so a shed request is simply tried again.
import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { AppError } from '../errors';
import { RETRY_AFTER_SECONDS } from './errors';

export default fp<{ maxEventLoopDelayMs: number }>(
  async (app, { maxEventLoopDelayMs }) => {
    if (maxEventLoopDelayMs <= 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      retryAfter: RETRY_AFTER_SECONDS,
      customError: class ServerBusy extends AppError {
        constructor() {
          super('SERVER_BUSY', undefined, 503);
        }
      },
    });
  },
  { name: 'load-shedding', dependencies: ['errors'] },
);
