/** The `kiosk` command as store IT runs it: real processes, real files, real exit codes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../support/renderer-build';
import { copyDemoStore, demoStore, repoRoot, tempDir } from '../support/temp';
import { until } from '../support/until';
import { writeKioskConfig } from '../support/kiosk-config';

let dir: ReturnType<typeof tempDir>;
const children: ChildProcess[] = [];
beforeEach(() => (dir = tempDir()));
afterEach(() => {
  // A kiosk start that should have refused its config must not outlive its test.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  dir.remove();
});

function kiosk(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), ...args], {
    env: { ...process.env, KIOSK_DATA_DIR: join(dir.path, 'data'), KIOSK_PORT: '0', ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('kiosk start with a bad config', () => {
  it('exits with 2 and names the field and the problem', async () => {
    const config = writeKioskConfig(dir.path, {
      storeId: 'S001',
      role: 'mirror',
      devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'serial', baudRate: -1 }],
    });
    const result = await kiosk(['start', '--no-browser'], { KIOSK_CONFIG: config });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/→ at devices\[0\]\.baudRate/);
    expect(result.stderr).toMatch(/is required .* → at devices\[0\]\.path/);
  });

  it('exits with 2 when KIOSK_CONFIG is not JSON or KIOSK_PORT is not a port', async () => {
    const config = join(dir.path, 'kiosk.json');
    writeFileSync(config, 'storeId: S001');
    expect((await kiosk(['start', '--no-browser'], { KIOSK_CONFIG: config })).code).toBe(2);
    expect(
      (await kiosk(['start', '--no-browser', '--demo'], { KIOSK_PORT: 'eighty' })).stderr,
    ).toMatch(/KIOSK_PORT/);
  });
});

describe('kiosk start with bad screen settings', () => {
  const base = { storeId: 'S001', role: 'checkout' };
  it.each([
    [{ idleSeconds: 1 }, /→ at idleSeconds/],
    [{ payment: 'cash' }, /→ at payment/],
    [{ lookUrlPattern: 'http://shop.example.com/{sku}' }, /→ at lookUrlPattern/],
    [{ offlinePointsDailyCap: -5 }, /→ at offlinePointsDailyCap/],
    [{ removeNeedsStaff: 'no' }, /→ at removeNeedsStaff/],
    [{ memberBin: '4' }, /must be 6 to 8 digits.* → at memberBin/],
  ])('refuses %j with exit 2, naming the field', async (bad, field) => {
    const config = writeKioskConfig(dir.path, { ...base, ...bad });
    const result = await kiosk(['start', '--no-browser'], { KIOSK_CONFIG: config });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(field);
    expect(result.stdout).not.toMatch(/is at http/);
  });

  it('reads a config file that starts with a UTF-8 byte order mark', async () => {
    await ensureRendererBuilt();
    const config = join(dir.path, 'kiosk.json');
    const json = JSON.stringify({ ...base, idleSeconds: 30, place: '收银台 2' });
    writeFileSync(config, `\uFEFF${json}`, 'utf8');
    expect((await kiosk(['devices', '--json'], { KIOSK_CONFIG: config })).code).toBe(0);
    // The same file with one bad value: refused for that value, not for the mark.
    writeFileSync(config, `\uFEFF${JSON.stringify({ ...base, idleSeconds: 0 })}`, 'utf8');
    const bad = await kiosk(['start', '--no-browser'], { KIOSK_CONFIG: config });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/→ at idleSeconds/);
    expect(bad.stderr).not.toMatch(/not valid JSON/);
    // And `kiosk start` runs on it.
    writeFileSync(config, `\uFEFF${json}`, 'utf8');
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'kiosk.mjs'), 'start', '--no-browser'],
      {
        env: {
          ...process.env,
          KIOSK_DATA_DIR: join(dir.path, 'data'),
          KIOSK_CONFIG: config,
          KIOSK_PORT: '0',
        },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.stderr.on('data', (chunk) => (out += String(chunk)));
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    await until(
      () => /checkout, store S001\) is at http/.test(out) || child.exitCode !== null,
      'start',
    );
    expect(out).toMatch(/is at http/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('a member BIN has 6 to 8 digits', () => {
  const visa = ';4111111111111111=2912101?';
  it('kiosk decode --member-bin 4 is refused with exit 2 and never prints the card', async () => {
    const result = await kiosk(['decode', '--member-bin', '4', visa]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--member-bin must be 6 to 8 digits.*got 1 digit$/m);
    expect(result.stdout).toBe('');
    const fromEnv = await kiosk(['decode', visa], { KIOSK_MEMBER_BIN: '41' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/KIOSK_MEMBER_BIN must be 6 to 8 digits/);
    // Someone typing a whole card number as the BIN does not see it echoed.
    const whole = await kiosk(['decode', '--member-bin', '4111111111111111', visa]);
    expect(whole.code).toBe(2);
    for (const r of [result, fromEnv, whole])
      expect(r.stdout + r.stderr).not.toContain('4111111111111111');
  });

  it('masks a Visa card with the default BIN and reads a card of a configured 6–8 digit BIN', async () => {
    const masked = await kiosk(['decode', visa]);
    expect(masked.code).toBe(0);
    expect(JSON.parse(masked.stdout)).toMatchObject({
      member: false,
      maskedNumber: '411111******1111',
    });
    expect(masked.stdout).not.toContain('4111111111111111');
    const member = await kiosk(['decode', '--member-bin', '62800000', ';6280000000000016=2912?']);
    expect(JSON.parse(member.stdout)).toMatchObject({ member: true, number: '6280000000000016' });
  });

  it('kiosk sim card --bin 4 is refused with exit 2', async () => {
    const result = await kiosk([
      'sim',
      'card',
      '--path',
      join(dir.path, 'no-tty'),
      '--bin',
      '4',
      '--member',
      '1',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--bin must be 6 to 8 digits/);
  });
});

describe('kiosk import', () => {
  it('imports the demo store, then changes nothing the second time', async () => {
    const first = await kiosk(['import', demoStore]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/variants\.csv: 2079 rows, 2079 changed/);
    const second = await kiosk(['import', demoStore]);
    expect(second.stdout).toMatch(/nothing changed/);
    const lookup = await kiosk(['lookup', '6970001000016']);
    expect(JSON.parse(lookup.stdout)).toMatchObject({
      found: true,
      item: { sku: 'DRE001-WHT-XS' },
    });
  });

  it('refuses a folder with a bad row, naming file and line, and imports nothing', async () => {
    const store = copyDemoStore(dir.path);
    appendFileSync(
      join(store, 'variants.csv'),
      'BAD,DRE001,6970001000017,WHT,白色,White,XS,78900\n',
    );
    const result = await kiosk(['import', store]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/variants\.csv:2081 gtin: has a wrong check digit/);
    const lookup = await kiosk(['lookup', '6970001000016']);
    expect(JSON.parse(lookup.stdout)).toMatchObject({ found: false });
  });
});
