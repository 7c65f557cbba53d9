import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.PARCOURS_API ?? 'http://localhost:3000';

// In development the SPA runs on Vite (5173) and the API on the server (3000): proxy the server's paths.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': api, '/health': api, '/ready': api },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
});
