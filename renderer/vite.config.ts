import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built once to dist/renderer and served by the Electron custom protocol
// (app://desk/) or by the browser-mode host. Relative base so both work.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // One file per font weight and subset, no inlining: keeps the CSP free of data: fonts.
    assetsInlineLimit: 0,
  },
});
