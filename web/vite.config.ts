import { defineConfig } from 'vite';

// (no @types/node for one variable)
declare const process: { env: Record<string, string | undefined> };

// The platform serves the built files at `/` from its jar: relative asset paths (base './').
// `npm run dev` / `npm run preview` forward the API to a running platform (CHELUYUN_API, default :8080).
const api = process.env.CHELUYUN_API ?? 'http://localhost:8080';
const proxy = {
  '/api': { target: api, changeOrigin: false },
  '/openapi.json': { target: api },
};

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; one chunk is fine for a dashboard loaded once
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy },
  preview: { proxy },
});
