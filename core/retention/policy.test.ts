import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, retentionFromEnv } from './policy';

describe('retentionFromEnv', () => {
  it('is the defaults without KIOSK_RETENTION_SCALE', () => {
    expect(retentionFromEnv({})).toEqual({ ok: true, value: DEFAULT_RETENTION });
  });

  it('shortens every window by the scale, the purge interval no shorter than 10 s', () => {
    const result = retentionFromEnv({ KIOSK_RETENTION_SCALE: '0.001' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        anonymousSessionDays: 0.03,
        syncedHistoryDays: 0.4,
        auditDays: 0.73,
        everyMs: 10_000,
      },
    });
  });

  it('refuses a scale that would keep data longer than the defaults, or is not a number', () => {
    for (const bad of ['2', '0', '-1', 'soon'])
      expect(retentionFromEnv({ KIOSK_RETENTION_SCALE: bad })).toMatchObject({
        ok: false,
        error: {
          code: 'bad-retention-scale',
          message: expect.stringContaining('KIOSK_RETENTION_SCALE'),
        },
      });
  });
});
