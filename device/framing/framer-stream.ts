/**
 * Node stream adapters: bytes in, `Frame` objects out (object mode on the readable side), so a
 * driver can `port.pipe(new DelimiterFramerStream({ suffix: '\r' }))`. Leftovers come out on end.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { DelimiterFramer, type DelimiterFramerOptions } from './delimiter-framer';
import type { Framer } from './framer';

export class FramerStream extends Transform {
  constructor(private readonly framer: Framer) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, cb: TransformCallback): void {
    const bytes = chunk instanceof Uint8Array ? chunk : Buffer.from(String(chunk), 'latin1');
    for (const frame of this.framer.push(bytes)) this.push(frame);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    for (const frame of this.framer.flush()) this.push(frame);
    cb();
  }
}

export class DelimiterFramerStream extends FramerStream {
  constructor(options: DelimiterFramerOptions) {
    super(new DelimiterFramer(options));
  }
}
