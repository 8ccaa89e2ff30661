// Counting what a route costs the database: the rush routes promise one statement per tap and no
// transaction of their own, so their tests count the calls on the real database object.
import type { Db } from '../../server/src/db/db';

/** The statements and transactions the apps send to the database while `fn` runs. */
export async function databaseCalls<T>(db: Db, fn: () => Promise<T>) {
  const { query, transaction } = db;
  const calls = { statements: 0, transactions: 0 };
  db.query = (...args) => {
    calls.statements++;
    return query.apply(db, args) as never;
  };
  db.transaction = (...args) => {
    calls.transactions++;
    return transaction.apply(db, args as never) as never;
  };
  try {
    return { calls, result: await fn() };
  } finally {
    db.query = query;
    db.transaction = transaction;
  }
}
