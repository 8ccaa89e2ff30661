import { KeyedBatcher } from '../../../server/src/lib/keyed-batcher';

/** A batcher whose calls stay in flight until the test ends them, one by one. */
function held(max: number) {
  const calls: { key: string; items: number[]; end: (err?: Error) => void }[] = [];
  const batcher = new KeyedBatcher<number, string>(max, (key, items) => {
    return new Promise((resolve, reject) => {
      calls.push({
        key,
        items,
        end: (err) => (err ? reject(err) : resolve(items.map((i) => `${key}:${i}`))),
      });
    });
  });
  return { batcher, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedBatcher', () => {
  it('sends the first call of a key at once, alone; the calls that arrive meanwhile leave together, at most max at a time, each with its own answer', async () => {
    const { batcher, calls } = held(3);
    const answers = [1, 2, 3, 4, 5].map((i) => batcher.submit('a', i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0]!.end();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]!.end();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4], [5]]);
    calls[2]!.end();
    expect(await Promise.all(answers)).toEqual(['a:1', 'a:2', 'a:3', 'a:4', 'a:5']);
  });

  it('keys do not wait for each other', async () => {
    const { batcher, calls } = held(10);
    void batcher.submit('a', 1);
    void batcher.submit('b', 1);
    await tick();
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
  });

  it('a failed call fails its own batch only; the next batch still leaves, and an idle key starts afresh', async () => {
    const { batcher, calls } = held(10);
    const first = batcher.submit('a', 1);
    const second = batcher.submit('a', 2);
    await tick();
    calls[0]!.end(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await tick();
    calls[1]!.end();
    await expect(second).resolves.toBe('a:2');
    const third = batcher.submit('a', 3);
    await tick();
    calls[2]!.end();
    await expect(third).resolves.toBe('a:3');
  });
});
