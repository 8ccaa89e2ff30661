// DEV_CLOCK (development and test only, refused in production): the server's clock runs ahead of
// the system's by an offset that the process which started this server may move forward, and it
// may run a job now, over the IPC channel Node opens between them. The browser and fault tests
// expire a 30-minute payment hold this way instead of waiting (ADR 0016); nothing on the network
// can reach it, and without a parent's IPC channel nothing listens.
import type { FastifyInstance } from 'fastify';

export interface DevClock {
  now: () => Date;
  advance: (ms: number) => void;
}

export function devClock(): DevClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      // forward only: a clock going back would reopen windows and un-expire codes
      if (Number.isFinite(ms) && ms > 0) offsetMs += ms;
    },
  };
}

type Request =
  | { devClock: 'advance'; id: number; ms: number }
  | { devClock: 'runJob'; id: number; name: string };

export function listenForDevClock(app: FastifyInstance, clock: DevClock): void {
  const send = process.send?.bind(process);
  if (!send) return;
  process.on('message', (m: Request) => {
    if (!m || typeof m !== 'object' || !('devClock' in m)) return;
    if (m.devClock === 'advance') {
      clock.advance(m.ms);
      app.log.warn({ now: clock.now().toISOString() }, 'DEV_CLOCK: clock moved forward');
      send({ id: m.id, now: clock.now().toISOString() });
    } else if (m.devClock === 'runJob') {
      app.jobs.runJob(m.name).then(
        (handled) => send({ id: m.id, handled }),
        (err: unknown) => send({ id: m.id, error: String(err) }),
      );
    }
  });
}
