import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static bundle served by either shell (web shell over HTTP, Electron over
// its app protocol), so asset URLs are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
