/**
 * Where a screen finds a product image: `/media/<sha256>/<size>` on its own origin (the web shell's
 * 127.0.0.1 server, or `kiosk://app` in Electron). The host serves it (host/media/media-route.ts).
 */
export const IMAGE_SIZES = ['thumb', 'screen'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export const mediaPath = (hash: string, size: ImageSize): string => `/media/${hash}/${size}`;
