import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
  // Mantine and graphql make one ~750 kB chunk; fine for an admin app served from the hub.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
