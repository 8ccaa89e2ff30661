// What an order pays for. Each service that sells seats registers how a paid hold becomes the
// payer's for good; the payments module knows nothing else about night school or childcare.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/db';
import type { PayableKind } from './repo';

export interface Payable {
  /**
   * Takes the locks the service's own seat moves take before they touch an order (e.g. the term,
   * then the row), so a callback settling and a person withdrawing never wait on each other in
   * opposite orders.
   */
  lock(tx: Queryable, payableId: string): Promise<void>;
  /**
   * Inside the settling transaction: the held seat becomes the payer's. False when the hold is
   * gone (withdrawn, released): the money is then refunded in full.
   */
  settle(app: FastifyInstance, tx: Queryable, payableId: string, now: Date): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    payables: Map<PayableKind, Payable>;
  }
}
