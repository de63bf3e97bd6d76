/**
 * IPC sender check: a bridge call is served only when it comes from the main frame of our kiosk
 * window, showing our origin. A subframe, another window, a page that navigated elsewhere or a
 * destroyed frame is refused (the bridge answers `forbidden`).
 */
import { originOf } from '../app-protocol';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  url: string;
  processId?: number;
  routingId?: number;
}

export interface FrameIdentity {
  processId: number;
  routingId: number;
}

/**
 * `expectedFrame` is read on every call (a renderer reload gives the window a new main frame);
 * it returns null while the window has no live main frame, and then everything is refused.
 */
export function createSenderCheck(
  origin: string,
  expectedFrame: () => FrameIdentity | null,
): (frame: SenderFrameLike | null) => boolean {
  const wanted = origin.toLowerCase();
  return (frame) => {
    if (!frame) return false;
    if (originOf(frame.url) !== wanted) return false;
    const expected = expectedFrame();
    if (!expected) return false;
    return frame.processId === expected.processId && frame.routingId === expected.routingId;
  };
}
