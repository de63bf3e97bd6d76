import type {
  Compensation,
  Hlc,
  MutationArgs,
  MutationName,
  RejectionCode,
} from '../../sync/protocol';
import type { Queryable } from '../db/db';

/** What a handler knows about the mutation besides its args. */
export interface HandlerContext {
  deviceId: string;
  storeId: string;
  /** The envelope's stamp, already clamped to the server clock. */
  hlc: Hlc;
  now: Date;
}

/**
 * A business rejection: the handler's writes are rolled back to a savepoint, the mutation is
 * acknowledged as `rejected` (seq advances), the compensation goes back to the kiosk and, when
 * `task` is given, a staff task is created.
 */
export class BusinessRejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly compensation: Compensation = { kind: 'none' },
    readonly task: { kind: string; message: string } | null = null,
  ) {
    super(message);
  }
}

/** Applies one mutation inside the caller's transaction; returns the `applied` result. */
export type Handler<N extends MutationName> = (
  tx: Queryable,
  args: MutationArgs<N>,
  ctx: HandlerContext,
) => Promise<unknown>;
export type HandlerTable = { [N in MutationName]: Handler<N> };
