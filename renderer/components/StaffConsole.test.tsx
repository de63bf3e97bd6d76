// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../bridge/contract';
import { ok } from '../../bridge/result';
import type { MemberPanelView, SessionView } from '../../bridge/views';
import { createI18n } from '../i18n';
import { createAppStore } from '../store/app-store';
import { ServicesProvider } from '../store/context';
import { demoOffers, dressXs, emptyView } from '../store/view-fixture';
import { StaffConsole } from './StaffConsole';
import { yuanToCents } from './StaffCheckoutTools';

const staff = { staffId: 'E1001', name: '周婷', role: 'associate' as const };
const member: MemberPanelView = {
  memberId: 'M000003',
  displayName: '朱*',
  tier: 'silver',
  tierName: { zh: '银卡会员', en: 'Silver' },
  points: 19960,
  consentProfile: true,
  offers: demoOffers,
  profile: {
    rfm: {
      recencyDays: 12,
      frequency: 25,
      monetaryCents: 2269800,
      r: 4,
      f: 5,
      m: 5,
      segment: 'champion',
      label: { zh: '核心会员', en: 'Champion' },
    },
    preferences: [{ key: 'styles.liked', value: 'DRE001, KNI002' }],
    recentPurchases: [
      { at: '2026-08-09T10:00:00Z', sku: 'X', name: null, qty: 1, amountCents: 58900 },
    ],
  },
};

function renderConsole(view: SessionView) {
  const calls: Array<[string, unknown]> = [];
  const record = (name: string) => async (input: unknown) => {
    calls.push([name, input]);
    return ok(view);
  };
  const kiosk = {
    'device.list': async () => ok([]),
    'sync.status': async () =>
      ok({
        connectivity: 'offline',
        queueDepth: 3,
        parked: 0,
        oldestPendingAgeMs: 125_000,
        lastSuccessAt: null,
        lastError: { kind: 'network', message: 'ECONNREFUSED', at: '2026-11-24T08:00:00Z' },
        nextAttemptAt: null,
        openStaffTasks: 0,
      }),
    'staff.member': record('staff.member'),
    'staff.overridePrice': record('staff.overridePrice'),
    on: () => () => undefined,
  } as unknown as KioskApi;
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <ServicesProvider services={{ store: createAppStore(), kiosk }}>
        <StaffConsole view={view} />
      </ServicesProvider>
    </I18nextProvider>,
  );
  return calls;
}

afterEach(cleanup);

describe('StaffConsole', () => {
  it('shows a consenting member’s segment, RFM, preferences and purchases', () => {
    renderConsole({
      ...emptyView,
      role: 'staff',
      staff,
      staffDesk: { memberPanel: member, overrides: [], voidApprovalId: null },
    });
    const panel = screen.getByRole('region', { name: '会员信息' });
    expect(panel.textContent).toContain('会员分群：核心会员');
    expect(panel.textContent).toContain('共 25 单');
    expect(panel.textContent).toContain('DRE001, KNI002');
    expect(panel.textContent).toContain('2026-08-09 · X × 1 · ¥589.00');
    expect(panel.textContent).not.toContain('未显示会员画像');
  });

  it('lists the member’s waiting offers: what each gives, minimum spend, validity', () => {
    renderConsole({
      ...emptyView,
      role: 'staff',
      staff,
      staffDesk: { memberPanel: member, overrides: [], voidApprovalId: null },
    });
    const offers = screen.getByRole('region', { name: '会员信息' }).querySelectorAll('.offers li');
    expect([...offers].map((li) => li.textContent)).toEqual([
      '回店礼 · 满 ¥300 减 ¥50 · 最低消费 ¥300 · 12月1日 至 12月31日 · CMP0001-OFF',
      '生日月双倍积分 · 2倍积分 · 无门槛 · 12月1日 至 12月31日 · CMP0002-PTS',
    ]);
    cleanup();
    renderConsole({
      ...emptyView,
      role: 'staff',
      staff,
      staffDesk: { memberPanel: { ...member, offers: [] }, overrides: [], voidApprovalId: null },
    });
    expect(screen.getByRole('region', { name: '会员信息' }).textContent).toContain(
      '暂无可用的活动优惠',
    );
  });

  it('says plainly when the profile is not shown, and looks up a typed card number', () => {
    renderConsole({
      ...emptyView,
      role: 'staff',
      staff,
      staffDesk: {
        memberPanel: { ...member, consentProfile: false, profile: null },
        overrides: [],
        voidApprovalId: null,
      },
    });
    const panel = screen.getByRole('region', { name: '会员信息' });
    expect(panel.textContent).toContain('未显示会员画像：会员未同意使用个人资料');
    expect(panel.textContent).not.toContain('会员分群');
    cleanup();
    const calls = renderConsole({ ...emptyView, role: 'staff', staff });
    fireEvent.change(screen.getByLabelText('会员卡号或会员码'), {
      target: { value: ' 6280000000000099 ' },
    });
    act(() => screen.getByRole('button', { name: '查询会员' }).click());
    expect(calls).toContainEqual(['staff.member', { kind: 'card', value: '6280000000000099' }]);
  });

  it('shows sync status next to device health', async () => {
    renderConsole({ ...emptyView, role: 'staff', staff });
    const sync = screen.getByRole('region', { name: '同步状态' });
    expect(await screen.findByText('待同步：3 条')).toBeTruthy();
    expect(sync.textContent).toContain('云端连接：离线');
    expect(sync.textContent).toContain('最早一条已等待 2 分钟');
    expect(sync.textContent).toContain('上次错误：ECONNREFUSED');
    expect(screen.getByRole('button', { name: '立即同步' })).toBeTruthy();
  });

  it('at a checkout, sends a price override in fen with its reason', () => {
    const calls = renderConsole({
      ...emptyView,
      role: 'checkout',
      sessionId: 'v1',
      staff,
      cart: {
        lines: [
          {
            ...dressXs,
            qty: 1,
            unitPriceCents: 78900,
            amountCents: 78900,
          },
        ],
        subtotalCents: 78900,
        discounts: [],
        totalCents: 78900,
        coupons: [],
        pointsToRedeem: 0,
        pointsRedeemable: 0,
        pointsEarned: 0,
        payment: { state: 'open' },
        npsGiven: false,
        pointsBalance: null,
      },
      staffDesk: { memberPanel: null, overrides: [], voidApprovalId: null },
    });
    fireEvent.change(screen.getByLabelText('新单价（元）'), { target: { value: '600.5' } });
    act(() => screen.getByRole('button', { name: '价格匹配' }).click());
    act(() => screen.getByRole('button', { name: '改价' }).click());
    expect(calls).toContainEqual([
      'staff.overridePrice',
      { sku: 'DRE001-WHT-XS', priceCents: 60050, reason: 'price-match' },
    ]);
  });
});

describe('yuanToCents', () => {
  it('reads plain amounts and refuses anything else', () => {
    expect(yuanToCents('600')).toBe(60000);
    expect(yuanToCents('600.5')).toBe(60050);
    expect(yuanToCents(' 0.05 ')).toBe(5);
    expect(yuanToCents('12,30')).toBe(1230);
    expect(yuanToCents('-1')).toBeNull();
    expect(yuanToCents('1.234')).toBeNull();
    expect(yuanToCents('abc')).toBeNull();
    expect(yuanToCents('')).toBeNull();
  });
});
