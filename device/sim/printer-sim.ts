/**
 * A simulated ESC/POS receipt printer on the simulator's end of a pty: it decodes what the kiosk
 * sends, answers DLE EOT status requests from its configurable state (paper out, near end, cover
 * open), and collects documents (ended by a cut) as text for tests and the `kiosk sim printer`
 * command.
 */
import type { SerialPort } from 'serialport';
import { EscPosDecoder, type EscPosOp } from '../printer/escpos-decoder';
import { encodeStatusReplies, type PrinterStatus } from '../printer/status';
import { closeSimPort, openSimPort, writeSimPort } from './serial-end';

export const healthyPrinter: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  error: false,
  drawerSignalHigh: false,
};

/** The text of a document: text runs joined, a new line per LF, QR / barcodes as placeholders. */
export function documentText(ops: readonly EscPosOp[]): string {
  let text = '';
  for (const op of ops) {
    if (op.op === 'text') text += op.text;
    else if (op.op === 'feed') text += '\n'.repeat(op.lines);
    else if (op.op === 'qr') text += `[QR ${op.data}]\n`;
    else if (op.op === 'code128') text += `[CODE128 ${op.data}]\n`;
  }
  return text;
}

export class PrinterSimulator {
  status: PrinterStatus;
  readonly documents: EscPosOp[][] = [];
  statusRequests = 0;
  private current: EscPosOp[] = [];
  private readonly decoder = new EscPosDecoder();
  private readonly onDocument: ((ops: EscPosOp[]) => void) | undefined;

  private constructor(
    private readonly port: SerialPort,
    status: PrinterStatus,
    onDocument?: (ops: EscPosOp[]) => void,
  ) {
    this.status = status;
    this.onDocument = onDocument;
    port.on('data', (chunk: Buffer) => this.onBytes(chunk));
    port.on('error', () => undefined);
  }

  static async open(
    simPath: string,
    options: { status?: Partial<PrinterStatus>; onDocument?: (ops: EscPosOp[]) => void } = {},
  ): Promise<PrinterSimulator> {
    const port = await openSimPort(simPath);
    return new PrinterSimulator(port, { ...healthyPrinter, ...options.status }, options.onDocument);
  }

  /** Raw bytes from the printer to the kiosk (e.g. garbage). */
  send(bytes: Uint8Array): Promise<void> {
    return writeSimPort(this.port, bytes);
  }

  close(): Promise<void> {
    return closeSimPort(this.port);
  }

  private onBytes(chunk: Buffer): void {
    for (const op of this.decoder.push(chunk)) {
      if (op.op === 'status-request') {
        this.statusRequests++;
        const reply = encodeStatusReplies(this.status)[op.n - 1];
        if (reply !== undefined) void this.send(Uint8Array.of(reply)).catch(() => undefined);
        continue;
      }
      this.current.push(op);
      if (op.op === 'cut') {
        const document = this.current;
        this.current = [];
        this.documents.push(document);
        this.onDocument?.(document);
      }
    }
  }
}
