// What the API logs per request. Fastify's default is two info lines for every request (incoming,
// completed); in a rush that was a pino child, two serialized lines and two writes per tap, for
// lines the proxy's access log already has. Kept: a request that failed (an error on the reply,
// at error), a slow one (at warn, with its time), and — from the error handler — every refusal
// (4xx, at info with its code) and every 5xx (at error with the stack).
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** A request answered slower than this is logged at warn, whatever its status. */
export const SLOW_REQUEST_MS = 1000;

export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) return super.requestCompleted(error, request, reply);
    if (reply.elapsedTime >= SLOW_REQUEST_MS)
      reply.log.warn({ req: request, res: reply, responseTime: reply.elapsedTime }, 'slow request');
  }
}
