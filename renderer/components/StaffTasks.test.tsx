// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../bridge/contract';
import { ok } from '../../bridge/result';
import { couponTask, noTaskFacts } from '../../bridge/sync-task-fixture';
import type { SyncTaskView } from '../../bridge/views';
import { createI18n, type Language } from '../i18n';
import { createAppStore } from '../store/app-store';
import { ServicesProvider } from '../store/context';
import { StaffSyncStatus } from './StaffSyncStatus';

const points: SyncTaskView = {
  ...noTaskFacts,
  taskId: 'cloud:2',
  kind: 'points-overdrawn',
  memberId: 'M000020',
  points: 3000,
  balance: 1200,
  errorCode: 'points-overdrawn',
  createdAt: '2026-11-24T07:00:02.000Z',
};

function renderStatus(language: Language, open: number, start = [couponTask, points]) {
  const calls: string[] = [];
  let tasks = start;
  const kiosk = {
    'sync.status': async () =>
      ok({
        connectivity: 'online',
        queueDepth: 0,
        parked: 0,
        oldestPendingAgeMs: null,
        lastSuccessAt: null,
        lastError: null,
        nextAttemptAt: null,
        openStaffTasks: open,
      }),
    'staff.syncTasks': async () => {
      calls.push('syncTasks');
      return ok(tasks);
    },
    'staff.resolveSyncTask': async ({ taskId }: { taskId: string }) => {
      calls.push(`resolve ${taskId}`);
      tasks = tasks.filter((t) => t.taskId !== taskId);
      return ok(tasks);
    },
    on: () => () => undefined,
  } as unknown as KioskApi;
  const store = createAppStore();
  store.getState().setLanguage(language);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ServicesProvider services={{ store, kiosk }}>
        <StaffSyncStatus />
      </ServicesProvider>
    </I18nextProvider>,
  );
  return calls;
}

afterEach(cleanup);

describe('StaffTasks', () => {
  it('says what happened in plain Chinese, and "done" resolves the task', async () => {
    const calls = renderStatus('zh-CN', 2);
    const list = await screen.findByRole('region', { name: '同步待处理事项' });
    expect(list.textContent).toContain(
      '优惠券 WELCOME50 已在其他收银台使用：本单多优惠 ¥50.00，请联系会员 M000017',
    );
    expect(list.textContent).toContain('销售单 SALE-1');
    expect(list.textContent).toContain(
      '会员 M000020 离线使用 3000 积分，超出云端余额（1200 积分）',
    );
    expect(list.textContent).not.toContain('{');
    const done = screen.getAllByRole('button', { name: '已处理' });
    expect(done).toHaveLength(2);
    await act(async () => {
      fireEvent.click(done[0]!);
    });
    expect(calls).toEqual(['syncTasks', 'resolve cloud:1']);
    expect(list.textContent).not.toContain('WELCOME50');
    expect(screen.getAllByRole('button', { name: '已处理' })).toHaveLength(1);
  });

  it('leaves the number out when the points redeemed are unknown', async () => {
    renderStatus('zh-CN', 2, [{ ...points, points: null }]);
    const list = await screen.findByRole('region', { name: '同步待处理事项' });
    expect(list.textContent).toContain('会员 M000020 离线使用的积分超出云端余额（1200 积分）');
    expect(list.textContent).not.toContain('未知');
  });

  it('speaks English too', async () => {
    renderStatus('en', 2);
    const list = await screen.findByRole('region', { name: 'Sync: to follow up' });
    expect(list.textContent).toContain(
      'Coupon WELCOME50 was already used at another checkout: this sale gave ¥50.00 too much off. Please contact member M000017',
    );
  });

  it('asks for nothing and shows nothing while no task is open', async () => {
    const calls = renderStatus('zh-CN', 0);
    await screen.findByText('云端连接：在线');
    expect(calls).toEqual([]);
    expect(screen.queryByRole('region', { name: '同步待处理事项' })).toBeNull();
  });
});
