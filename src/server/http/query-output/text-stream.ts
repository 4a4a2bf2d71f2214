/**
 * Turns an async sequence of text chunks into a byte stream that is pulled: the next
 * chunk is produced only when the client has taken the previous one, so a slow client
 * slows the query instead of growing memory.
 */

/** A pull-based UTF-8 byte stream over `chunks`; `onDone` runs once at the end, on error or on cancel. */
export function textByteStream(chunks: AsyncIterable<string>, onDone: (outcome: 'complete' | 'error' | 'cancelled', err?: unknown) => void): ReadableStream<Uint8Array> {
  return byteStream(
    (async function* () {
      const encoder = new TextEncoder();
      for await (const text of chunks) if (text.length > 0) yield encoder.encode(text);
    })(),
    onDone,
  );
}

/** A pull-based byte stream over `chunks`. */
export function byteStream(chunks: AsyncIterable<Uint8Array>, onDone: (outcome: 'complete' | 'error' | 'cancelled', err?: unknown) => void): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  let finished = false;
  const finish = (outcome: 'complete' | 'error' | 'cancelled', err?: unknown): void => {
    if (finished) return;
    finished = true;
    onDone(outcome, err);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await it.next();
          if (next.done) {
            finish('complete');
            controller.close();
          } else controller.enqueue(next.value);
        } catch (err) {
          finish('error', err);
          controller.error(err);
        }
      },
      async cancel() {
        finish('cancelled');
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
