import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp';
import { ConfigError, loadConfigFromEnv, parseConfig, parsePort, readConfigFile } from './config';

const issueExample = {
  storeId: 'S001',
  role: 'mirror',
  language: 'zh-CN',
  devices: [
    {
      id: 'scanner-1',
      kind: 'scanner',
      transport: 'serial',
      path: '/dev/ttyACM0',
      baudRate: 9600,
      suffix: '\r',
    },
  ],
};

function problem(json: unknown): string {
  try {
    parseConfig(json, 'kiosk.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('config unexpectedly accepted');
}

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('kiosk config', () => {
  it('accepts the documented shape, with more fields, and fills defaults', () => {
    const config = parseConfig({ ...issueExample, extra: { anything: true } });
    expect(config.devices[0]).toMatchObject({
      id: 'scanner-1',
      path: '/dev/ttyACM0',
      suffix: '\r',
    });
    expect(parseConfig({ storeId: 'S002', role: 'checkout' })).toMatchObject({
      language: 'zh-CN',
      devices: [],
      memberBin: '628000',
      requestsPollSeconds: 3,
      tokenMaxAgeDays: 30,
    });
  });

  it('names the field and the problem', () => {
    expect(problem({ ...issueExample, role: 'tv' })).toMatch(
      /Invalid option: expected one of "mirror"\|"checkout"\|"staff" → at role/,
    );
    expect(
      problem({ ...issueExample, devices: [{ ...issueExample.devices[0], baudRate: '9600' }] }),
    ).toMatch(/expected number.* → at devices\[0\]\.baudRate/);
    expect(
      problem({ ...issueExample, devices: [{ id: 's', kind: 'scanner', transport: 'serial' }] }),
    ).toMatch(/is required for a serial device.* → at devices\[0\]\.path/);
    expect(problem({ role: 'mirror' })).toMatch(/→ at storeId/);
    expect(
      problem({ ...issueExample, devices: [issueExample.devices[0], issueExample.devices[0]] }),
    ).toMatch(/"scanner-1" is used twice → at devices\[1\]\.id/);
    expect(problem([])).toMatch(/invalid kiosk config .*: ✖ Invalid input: expected object/);
    expect(problem({ ...issueExample, requestsPollSeconds: 0 })).toMatch(
      /→ at requestsPollSeconds/,
    );
    expect(problem({ ...issueExample, tokenMaxAgeDays: 'monthly' })).toMatch(
      /→ at tokenMaxAgeDays/,
    );
  });

  it('reports unreadable and non-JSON files as ConfigErrors', () => {
    expect(() => readConfigFile(join(dir.path, 'missing.json'))).toThrow(
      /cannot read kiosk config .*ENOENT/,
    );
    writeFileSync(join(dir.path, 'bad.json'), '{"storeId": ');
    expect(() => readConfigFile(join(dir.path, 'bad.json'))).toThrow(/is not valid JSON/);
  });

  it('reads KIOSK_CONFIG, KIOSK_DATA_DIR and KIOSK_PORT', () => {
    const path = join(dir.path, 'kiosk.json');
    writeFileSync(path, JSON.stringify(issueExample));
    const environment = loadConfigFromEnv({
      KIOSK_CONFIG: path,
      KIOSK_DATA_DIR: dir.path,
      KIOSK_PORT: '9000',
    });
    expect(environment).toMatchObject({
      configPath: path,
      dataDir: dir.path,
      port: 9000,
      config: { storeId: 'S001' },
    });
    expect(() => loadConfigFromEnv({})).toThrow(/KIOSK_CONFIG is not set/);
    expect(loadConfigFromEnv({}, true).config.devices[0]?.transport).toBe('sim');
    expect(() => parsePort('http', 1)).toThrow(/KIOSK_PORT/);
  });
});
