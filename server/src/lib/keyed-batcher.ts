// Group commit by batching (docs/adr/0026-group-commit-by-batching.md): calls for one key (a class)
// go to the database one batch at a time. The first call of an idle key leaves at once, alone; the
// calls that arrive while a batch is in flight wait for it and then leave together, up to `max` in
// one batch. Nothing waits on a timer: under light load every call is a batch of one, and under
// load a batch is whatever arrived during one round trip.

interface Pending<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

export class KeyedBatcher<In, Out> {
  /** Keys with a batch in flight, and the calls waiting for the next one. */
  private readonly queues = new Map<string, Pending<In, Out>[]>();

  /** `run` answers each item of one batch, in order; if it throws, every item of that batch fails with it. */
  constructor(
    private readonly max: number,
    private readonly run: (key: string, items: In[]) => Promise<Out[]>,
  ) {}

  submit(key: string, item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.queues.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.max);
      try {
        const outs = await this.run(
          key,
          batch.map((p) => p.item),
        );
        batch.forEach((p, i) => p.resolve(outs[i]!));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.queues.delete(key);
  }
}
