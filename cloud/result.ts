/**
 * The cloud's services answer with the one Result shape of the code base (common/result.ts),
 * closed over the sync protocol's error codes: a route turns `error.code` into its status.
 */
import type { Result } from '../common/result';
import type { ErrorCode } from '../sync/protocol';

export { fail, ok } from '../common/result';
export type CloudResult<T> = Result<T, ErrorCode>;
