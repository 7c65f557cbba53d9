import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.PARCOURS_API ?? 'http://localhost:3000';

// In development the SPA runs on Vite (5173) and the API on the server (3000): proxy the server's paths.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // ws: the live connection (/api/v1/live) is a WebSocket upgrade.
    proxy: { '/api': { target: api, ws: true }, '/health': api, '/ready': api },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
});
