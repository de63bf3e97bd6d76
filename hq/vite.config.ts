import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The HQ console: a second Vite app, served by the cloud at /hq/ (cloud/hq/http/console-files.ts).
// ECharts is its own chunk so the first paint does not wait for it.
export default defineConfig({
  root: 'hq',
  base: '/hq/',
  plugins: [react()],
  build: {
    outDir: '../dist/hq',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'echarts'
            : undefined,
      },
    },
  },
});
