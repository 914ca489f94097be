/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // The domain lib (stages, plates, plan validation) is shared with the services as source.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run console:dev` beside `npm start`: the gateway answers the API, Vite the pages.
    proxy: Object.fromEntries(
      ['/api', '/auth', '/objects', '/openapi.json'].map((path) => [
        path,
        { target: process.env.ECOGATE_GATEWAY_URL ?? 'http://127.0.0.1:8080', changeOrigin: false },
      ]),
    ),
  },
  test: {
    // happy-dom, not jsdom: the Ant Design pages' tests run 4-5 times faster (jsdom's style
    // computation dominated them). What only a browser shows is checked on Chromium (console-e2e).
    environment: 'happy-dom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
    // `.ci/run`'s closing summary counts these tests and names failed files, as for Jest's.
    reporters: [
      'default',
      fileURLToPath(new URL('../../libs/testing/src/ci-summary-vitest-reporter.mjs', import.meta.url)),
    ],
  },
});
