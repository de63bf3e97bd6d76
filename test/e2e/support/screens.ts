/**
 * Shared steps of the screen suites: a kiosk of one role with a scanner on a real pty, an axe
 * check (no serious or critical violation), and a screenshot of the screen in both languages.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from '../../../device/sim/pty-pair';
import { TtyWriter } from '../../../device/sim/line-writer';
import { repoRoot, tempDir } from '../../support/temp';
import { serialScanner, startKiosk, type KioskProcess } from '../../support/kiosk-process';
import { rfidDeviceConfig, rfidField, type RfidField } from './rfid';

export interface RoleKiosk {
  kiosk: KioskProcess;
  scan(text: string): void;
  /** Raw bytes on the scanner's line, framing included (garbage a broken scanner might send). */
  writeRaw(bytes: Buffer): void;
  /** The UHF reader's field, when started with `{ rfid: true }`. */
  rfid?: RfidField;
  stop(): Promise<void>;
}

export async function startRole(
  role: 'mirror' | 'checkout' | 'staff',
  extra: object = {},
  options: { enroll?: { url: string; code: string }; rfid?: boolean } = {},
): Promise<RoleKiosk> {
  const ptyDir = tempDir('kiosk-pty-');
  const pair: PtyPair = await createPtyPair(ptyDir.path, 'scanner');
  // An ASCII UHF reader on its own pty pair, with the tests' short debounce.
  const rfidPair = options.rfid ? await createPtyPair(ptyDir.path, 'rfid') : null;
  const kiosk = await startKiosk(
    {
      storeId: 'S001',
      role,
      language: 'zh-CN',
      devices: [
        serialScanner(pair.devicePath),
        ...(rfidPair ? [rfidDeviceConfig(rfidPair.devicePath)] : []),
      ],
      ...extra,
    },
    options,
  );
  const scanner = new TtyWriter(pair.simPath);
  const rfid = rfidPair ? rfidField(rfidPair.simPath) : undefined;
  return {
    kiosk,
    scan: (text) => scanner.write(`${text}\r`),
    writeRaw: (bytes) => scanner.write(bytes),
    rfid,
    async stop() {
      scanner.close();
      rfid?.close();
      await kiosk.stop();
      await pair.close();
      await rfidPair?.close();
      ptyDir.remove();
    },
  };
}

/** Fails on any serious or critical axe violation, naming the rule and the element. */
/**
 * A kiosk of `role` started before the spec file's tests and stopped after them: the file's one
 * `RoleKiosk`, usable from its tests on.
 */
export function kioskForFile(
  role: Parameters<typeof startRole>[0],
  extra?: object,
  options?: Parameters<typeof startRole>[2],
): RoleKiosk {
  let started: RoleKiosk | undefined;
  test.beforeAll(async () => {
    started = await startRole(role, extra, options);
  });
  test.afterAll(async () => {
    await started?.stop();
  });
  const kiosk = () => {
    if (!started) throw new Error(`the ${role} kiosk has not started`);
    return started;
  };
  return {
    get kiosk() {
      return kiosk().kiosk;
    },
    get rfid() {
      return kiosk().rfid;
    },
    scan: (text) => kiosk().scan(text),
    writeRaw: (bytes) => kiosk().writeRaw(bytes),
    stop: () => kiosk().stop(),
  };
}

export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

const languageButton = { zh: '语言', en: 'Language' } as const;

/**
 * Saves docs/screenshots/<name>.zh-CN.png and <name>.en.png, checking accessibility in each
 * language, and leaves the page in the language it found it in (zh-CN).
 */
export async function captureBothLanguages(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot, 'docs', 'screenshots');
  await expectAccessible(page);
  await page.screenshot({ path: join(dir, `${name}.zh-CN.png`) });
  await page.getByRole('button', { name: languageButton.zh }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
  await page.screenshot({ path: join(dir, `${name}.en.png`) });
  await page.getByRole('button', { name: languageButton.en }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

/** Types a PIN on the on-screen keypad and confirms it. */
export async function enterPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: '确定' }).click();
}

/** A staff member signs in at a screen: the badge scanned, then the PIN on the keypad. */
export async function signIn(page: Page, kiosk: RoleKiosk, badge: string, pin: string) {
  kiosk.scan(badge);
  await expect(page.getByRole('heading', { name: '请输入 PIN' })).toBeVisible();
  await enterPin(page, pin);
}

/**
 * On a mirror's garment card: "不适合我" because it is "偏小", then "请店员送 M 码"; the staff call
 * region then shows `requestShown`.
 */
export async function tooSmallAskForM(page: Page, card: Locator, requestShown: string) {
  await card.getByRole('button', { name: '不适合我' }).click();
  await card.getByRole('button', { name: '偏小' }).click();
  await expect(card.getByRole('button', { name: '不适合我' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await card.getByRole('button', { name: '请店员送 M 码' }).click();
  await expect(page.getByRole('region', { name: '店员呼叫' })).toContainText(requestShown);
}
