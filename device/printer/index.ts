/** ESC/POS receipt printer: encoder, streaming decoder, DLE EOT status, idempotent job ledger, sale receipt. */
export { EscPos, type TextEncoding, type QrOptions, type Code128Options } from './escpos-encoder';
export { EscPosDecoder, decodeEscPos, type EscPosOp } from './escpos-decoder';
export {
  StatusPoll,
  statusRequest,
  parseStatusByte,
  combineStatus,
  encodeStatusReplies,
  isStatusByte,
  type PrinterStatus,
  type StatusFields,
} from './status';
export {
  PrintJobLedger,
  memoryJobStorage,
  nextState,
  type PrintJobRecord,
  type PrintJobStorage,
  type PrintSender,
  type JobOutcome,
  type JobStatus,
} from './jobs';
export {
  renderSaleReceipt,
  saleReceiptSchema,
  type SaleReceipt,
  type ReceiptLang,
  type ReceiptOptions,
  type ReceiptResult,
} from './receipt';
export { formatFen } from './money';
export { displayWidth, wrap, twoColumns } from './text-width';
