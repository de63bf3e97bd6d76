/**
 * The fleet: every kiosk with its store, role, app version, last sync, outbox depth and oldest
 * pending mutation, device states and errors in the last 24 hours, from its last heartbeat. A
 * kiosk silent for longer than the threshold is flagged stale.
 */
import { useTranslation } from 'react-i18next';
import { ViewRoutes } from '../../cloud/hq-api';
import { ChartCard, Kpi } from '../components/ChartCard';
import { formatInstant } from '../format';
import { useHq } from '../state/context';
import { Loaded, useFormat, useStoreName } from './common';
import { part, rowsOf, sumOf } from './links';
import { useView } from './use-view';

export function Fleet() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const storeName = useStoreName();
  const language = useHq((s) => s.language);
  const answer = useView(ViewRoutes.fleet);
  return (
    <Loaded answer={answer}>
      {(d) => {
        const live = d.kiosks.filter((k) => !k.revoked);
        const stale = live.filter((k) => k.stale);
        const failing = live.filter(
          (k) => (k.errors24h ?? 0) > 0 || k.devices.some((x) => x.state === 'error'),
        );
        return (
          <>
            <div className="kpis">
              <Kpi
                label={t('fleet.kiosks')}
                value={fmt('int')(live.length)}
                link={rowsOf('kiosks')}
              />
              <Kpi
                label={t('fleet.stale')}
                value={fmt('int')(stale.length)}
                hint={t('fleet.staleHint', { minutes: d.staleAfterMinutes })}
                link={rowsOf('kiosks', { stale: 'yes' })}
              />
              <Kpi
                label={t('fleet.withErrors')}
                value={fmt('int')(failing.length)}
                link={rowsOf('kiosks', { failing: 'yes' })}
              />
              <Kpi
                label={t('fleet.queued')}
                value={fmt('int')(live.reduce((n, k) => n + (k.outboxDepth ?? 0), 0))}
                link={sumOf('queued', 'int', part(rowsOf('kiosks'), 'outboxDepth'))}
              />
            </div>
            <ChartCard
              wide
              title={t('fleet.title')}
              name="fleet"
              table={{
                columns: [
                  { key: 'state', label: t('fleet.state'), kind: 'badge' },
                  { key: 'store', label: t('common.store'), kind: 'store' },
                  { key: 'name', label: t('fleet.name'), kind: 'text' },
                  { key: 'role', label: t('fleet.role'), kind: 'text' },
                  { key: 'version', label: t('fleet.version'), kind: 'text' },
                  { key: 'lastSync', label: t('fleet.lastSync'), kind: 'text' },
                  { key: 'depth', label: t('fleet.outbox'), kind: 'int' },
                  { key: 'oldest', label: t('fleet.oldest'), kind: 'text' },
                  { key: 'devices', label: t('fleet.devices'), kind: 'text' },
                  { key: 'errors', label: t('fleet.errors'), kind: 'int' },
                  { key: 'reported', label: t('fleet.reported'), kind: 'text' },
                ],
                rows: d.kiosks.map((k) => ({
                  key: k.deviceId,
                  tone: k.stale ? 'warn' : undefined,
                  cells: {
                    state: k.revoked
                      ? { value: 'revoked', text: t('fleet.revoked'), tone: 'muted' }
                      : k.stale
                        ? { value: 'stale', text: t('fleet.staleBadge'), tone: 'warn' }
                        : { value: 'ok', text: t('fleet.ok'), tone: 'ok' },
                    store: { value: k.storeId, text: storeName(k.storeId) },
                    name: { value: k.name },
                    role: {
                      value: k.role ? t(`fleet.roles.${k.role}`, { defaultValue: k.role }) : null,
                    },
                    version: { value: k.appVersion },
                    lastSync: {
                      value: k.lastSyncAt
                        ? formatInstant(k.lastSyncAt, language)
                        : t('fleet.never'),
                    },
                    depth: {
                      value: k.outboxDepth,
                      link: sumOf(
                        'outboxDepth',
                        'int',
                        part(rowsOf('kiosks', { deviceId: k.deviceId }), 'outboxDepth'),
                      ),
                    },
                    oldest: {
                      value: k.oldestPendingAt ? formatInstant(k.oldestPendingAt, language) : '—',
                    },
                    devices: {
                      value:
                        k.devices.length > 0
                          ? k.devices
                              .map(
                                (x) =>
                                  `${x.id}: ${t(`fleet.deviceStates.${x.state}`, { defaultValue: x.state })}`,
                              )
                              .join(' · ')
                          : '—',
                    },
                    errors: {
                      value: k.errors24h,
                      link: sumOf(
                        'errors24h',
                        'int',
                        part(rowsOf('kiosks', { deviceId: k.deviceId }), 'errors24h'),
                      ),
                    },
                    reported: {
                      value: k.reportedAt
                        ? formatInstant(k.reportedAt, language)
                        : t('fleet.never'),
                    },
                  },
                })),
              }}
            />
          </>
        );
      }}
    </Loaded>
  );
}
