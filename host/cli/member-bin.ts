/**
 * A member BIN given on the command line or in the environment: 6 to 8 digits (device/decode
 * `isMemberBin`) or a usage error. The message never repeats the value: someone may have typed a
 * whole card number where the BIN goes.
 */
import { fail, ok, type Result } from '../../common/result';
import { isMemberBin } from '../../device/decode';

export function memberBinArgument(value: string, source: string): Result<string, 'bad-member-bin'> {
  if (isMemberBin(value)) return ok(value);
  const got = /^\d+$/.test(value)
    ? `${value.length} digit${value.length === 1 ? '' : 's'}`
    : 'something other than digits';
  return fail(
    'bad-member-bin',
    `${source} must be 6 to 8 digits, the first digits of the store's member cards (e.g. 628000); got ${got}`,
  );
}
