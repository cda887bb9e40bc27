import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** The agent UI: a static build the API app serves at `/` (dist/ui). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../../dist/ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run dev:ui` against an API on :3000
    proxy: Object.fromEntries(['/auth', '/tickets', '/queue', '/agents', '/sla', '/health', '/metrics', '/workload', '/export', '/directory', '/live', '/search', '/audit', '/automation', '/macros', '/kb', '/users', '/notifications', '/public', '/privacy', '/mail', '/projections', '/satisfaction', '/api'].map((p) => [p, 'http://localhost:3000'])),
  },
});
