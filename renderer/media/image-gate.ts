/**
 * The mirror card's picture appears in the same frame as its text. A view that brings a card with
 * a picture to the top (a new garment scanned, or another one focused) is held back until that
 * picture is decoded (fetched from the host, or found in the page's cache, and turned into
 * pixels), at most `maxWaitMs`; then the card commits with its text and picture together. Views
 * that keep the same card on top (a reaction, a price) pass at once. A view overtaken by a newer
 * one while it waits is dropped (the newer one is what the host holds).
 *
 * Guarantees: every view is eventually applied or superseded, never reordered; a picture that
 * fails or is slow delays nothing past `maxWaitMs` (the card then shows and the picture follows,
 * or its placeholder).
 */
import { mediaPath } from '../../bridge/media-path';
import type { SessionView } from '../../bridge/views';
import { focusCard } from '../store/session-slice';

export interface ImageGateOptions {
  /** Fetches and decodes one image URL (in a page: `new Image()` + `decode()`). */
  decode: (url: string) => Promise<void>;
  maxWaitMs: number;
}

/** The picture a view must show in its first frame: the focused card's large one. */
export function firstFramePictures(view: SessionView): string[] {
  const hash = focusCard(view)?.image?.hash;
  return hash ? [mediaPath(hash, 'screen')] : [];
}

export function createImageGate(options: ImageGateOptions) {
  let onTop = '';
  let latest = 0;
  return {
    apply(view: SessionView, commit: (view: SessionView) => void): void {
      const seq = ++latest;
      const pictures = firstFramePictures(view);
      const key = pictures.join(' ');
      const shown = () => {
        if (seq !== latest) return;
        onTop = key;
        commit(view);
      };
      if (pictures.length === 0 || key === onTop) {
        shown();
        return;
      }
      const decodes = pictures.map((url) => options.decode(url).catch(() => undefined));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.maxWaitMs));
      void Promise.race([Promise.all(decodes), timeout]).then(shown);
    },
  };
}

/** The page's decoder: the image lands in the memory cache, decoded, for the `<img>` to paint. */
export function decodeInPage(url: string): Promise<void> {
  const image = new Image();
  image.decoding = 'sync';
  image.src = url;
  return typeof image.decode === 'function'
    ? image.decode()
    : new Promise((resolve, reject) => {
        image.onload = () => resolve();
        image.onerror = () => reject(new Error(`cannot load ${url}`));
      });
}
