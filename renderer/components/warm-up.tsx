/**
 * Start-up warm-up of the mirror screen. The first visit after the page loaded was several times
 * slower than every later one (bench screens-scan-burst: scan → card p95 ≈ 250–350 ms against
 * ≈ 40–70 ms), all of it in the renderer: V8 compiling React's and the screen's code on first use,
 * the QR encoder's first matrices, the first money formatting and translations. Rendering a
 * made-up visit a few times while the attract screen shows pays that before the first shopper.
 *
 * Guarantees: nothing is visible or reachable (laid out off screen, `visibility: hidden`, inert and
 * aria-hidden, removed at the end), so the styles and the CJK font fallback are warm too; no
 * bridge call is made (the screen's handlers run only on taps, its effects only on a tap's state);
 * it stops between two steps as soon as `stillIdle()` says a real visit began; it unmounts what it
 * rendered. Each step is one short task, so the attract screen stays responsive.
 */
import type { ComponentProps } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { ServicesProvider } from '../store/context';
import { qrPath } from './LookQr';
import { MirrorScreen } from './MirrorScreen';
import { warmUpCard, warmUpVisit } from './warm-up-view';

export interface WarmUpOptions {
  services: ComponentProps<typeof ServicesProvider>['services'];
  i18n: I18n;
  /** False once a real visit is on screen: the warm-up stops at the next step. */
  stillIdle: () => boolean;
  /** Renders of a growing made-up visit (each one a scan's worth of work). */
  steps?: number;
}

export type WarmUpOutcome = 'done' | 'interrupted';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function warmUpMirror(options: WarmUpOptions): Promise<WarmUpOutcome> {
  const steps = options.steps ?? 12;
  performance.mark('warm-up-start');
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.style.cssText =
    'position:fixed;left:-20000px;top:0;width:1080px;visibility:hidden;pointer-events:none;contain:layout style';
  document.body.append(host);
  const root = createRoot(host);
  let outcome: WarmUpOutcome = 'done';
  try {
    for (let step = 1; step <= steps; step += 1) {
      await nextTask();
      if (!options.stillIdle()) {
        outcome = 'interrupted';
        break;
      }
      flushSync(() =>
        root.render(
          <I18nextProvider i18n={options.i18n}>
            <ServicesProvider services={options.services}>
              <MirrorScreen view={warmUpVisit(step)} />
            </ServicesProvider>
          </I18nextProvider>,
        ),
      );
      // The look QR renders at transition priority after the card: encode it here instead.
      qrPath(warmUpCard(step).lookUrl);
      host.getBoundingClientRect(); // lay it out: styles and the CJK font fallback
    }
  } finally {
    root.unmount();
    host.remove();
  }
  performance.mark(outcome === 'done' ? 'warm-up-done' : 'warm-up-interrupted');
  return outcome;
}

/**
 * Runs the warm-up once, on a mirror, after the page is interactive (the host has sent the visit
 * and its app info, so the right language) and only while nobody is there.
 */
export function scheduleWarmUp(options: Omit<WarmUpOptions, 'stillIdle'>): void {
  const { store } = options.services;
  const stillIdle = () => !store.getState().view?.sessionId;
  const unsubscribe = store.subscribe((state) => {
    if (!state.view || !state.info) return;
    unsubscribe();
    if (state.view.role === 'mirror' && stillIdle()) void warmUpMirror({ ...options, stillIdle });
  });
}
