/**
 * `kiosk decode [TEXT...]` and `kiosk decode --stdin`: one JSON object per input, one per line.
 * Arguments may spell GS as `<GS>` or `\x1D`; stdin lines are raw bytes and pass through as they are.
 */
import { parseArgs } from 'node:util';
import { argvToInput, runDecode, splitStdinLines } from '../../device/decode/cli';
import { exitCodes, type Command } from './io';
import { memberBinArgument } from './member-bin';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export const decodeCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { stdin: { type: 'boolean', default: false }, 'member-bin': { type: 'string' } },
  });
  if (!values.stdin && positionals.length === 0) {
    io.err('usage: kiosk decode [--member-bin 628000] TEXT... | kiosk decode --stdin');
    return exitCodes.usage;
  }
  const flag = values['member-bin'];
  const given = flag ?? io.env.KIOSK_MEMBER_BIN;
  let options = {};
  if (given !== undefined && given !== '') {
    const bin = memberBinArgument(given, flag === undefined ? 'KIOSK_MEMBER_BIN' : '--member-bin');
    if (!bin.ok) {
      io.err(bin.error.message);
      return exitCodes.usage;
    }
    options = { memberBin: bin.value };
  }
  const inputs = values.stdin
    ? splitStdinLines(await readAll(io.stdin))
    : positionals.map(argvToInput);
  runDecode(inputs, io.out, options);
  // Decoding is the command's job; an input that does not decode is an answer, not a failure.
  return exitCodes.ok;
};
