/** The receipt and a status poll over a real pseudo-terminal pair: decode the bytes captured on the wire. */
import { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder';
import { renderSaleReceipt } from './receipt';
import { encodeStatusReplies, StatusPoll } from './status';
import { ptyPortsForEachTest } from '../../test/support/pty-ports';
import { until } from '../../test/support/until';

let kiosk: SerialPort;
let printer: SerialPort;

ptyPortsForEachTest('printer', (ports) => ({ kiosk, device: printer } = ports));

describe('ESC/POS printer on a pty', () => {
  it('a receipt written by the kiosk decodes on the printer side, Chinese intact', async () => {
    const receipt = renderSaleReceipt(
      {
        storeName: 'Seed 旗舰店',
        time: new Date('2025-03-08T06:30:05Z'),
        receiptNo: 'R-1',
        saleId: 'S-1',
        lines: [
          { name: '真丝衬衫', size: 'S', colour: '米白', qty: 1, unitFen: 59900, amountFen: 59900 },
        ],
        discounts: [],
        totalFen: 59900,
        payment: { method: '支付宝', amountFen: 59900 },
        receiptUrl: 'https://r.example.com/e/S-1',
      },
      'zh-CN',
    );
    if (!receipt.ok) throw new Error(receipt.error.message);
    const captured: Buffer[] = [];
    printer.on('data', (chunk: Buffer) => captured.push(chunk));
    kiosk.write(Buffer.from(receipt.value));
    await until(
      () => captured.reduce((n, c) => n + c.length, 0) >= receipt.value.length,
      'the whole receipt',
    );
    const bytes = new Uint8Array(Buffer.concat(captured));
    expect(bytes).toEqual(receipt.value);
    const ops = decodeEscPos(bytes);
    const text = ops.map((o) => (o.op === 'text' ? o.text : '')).join('');
    expect(text).toContain('真丝衬衫');
    expect(text).toMatch(/合计 +￥599\.00/);
    expect(ops).toContainEqual({
      op: 'qr',
      data: 'https://r.example.com/e/S-1',
      moduleSize: 6,
      errorCorrection: 'M',
    });
    expect(ops).toContainEqual({ op: 'code128', data: 'S-1' });
    expect(ops.filter((o) => o.op === 'unknown')).toEqual([]);
  });

  it('a DLE EOT poll answered by the printer surfaces paper near end and cover open', async () => {
    const coverOpenNearEnd = {
      online: false,
      coverOpen: true,
      paperNearEnd: true,
      paperOut: false,
      error: false,
      drawerSignalHigh: false,
    };
    const poll = new StatusPoll();
    const requests: Buffer[] = [];
    printer.on('data', (chunk: Buffer) => {
      requests.push(chunk);
      if (Buffer.concat(requests).length === 12) {
        printer.write(Buffer.from(encodeStatusReplies(coverOpenNearEnd)));
      }
    });
    let status: ReturnType<StatusPoll['accept']> = null;
    kiosk.on('data', (chunk: Buffer) => {
      status = poll.accept(chunk) ?? status;
    });
    kiosk.write(Buffer.from(poll.request()));
    await until(() => status !== null, 'the status replies');
    expect(decodeEscPos(new Uint8Array(Buffer.concat(requests)))).toEqual(
      [1, 2, 3, 4].map((n) => ({ op: 'status-request', n })),
    );
    expect(status).toEqual(coverOpenNearEnd);
  });
});
