/**
 * A line for awaited reads whose answers must be taken in the order they were asked: on PostgreSQL
 * two reads come back in any order, and a request that reached the heavy-work gate's check later must
 * not be admitted before one that reached it first (over SQLite the reads resolve in order anyway).
 * Each promise passed through `inLine` settles after every one passed before it.
 * @example const inLine = arrivalOrder(); const store = await inLine(dataVersionOf(data));
 */
export function arrivalOrder(): <T>(read: Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(read: Promise<T>) => {
    const inLine = Promise.all([read, last.catch(() => undefined)]).then(([value]) => value);
    last = inLine;
    return inLine;
  };
}
