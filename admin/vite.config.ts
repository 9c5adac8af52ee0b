import { defineConfig } from 'vite';

/**
 * Builds the react-admin workspace into admin/dist. JSX goes through esbuild's automatic runtime
 * (no @vitejs/plugin-react, so no Fast Refresh in `npm run dev`). `base: './'` keeps asset URLs
 * relative, so dist/ can be served from any path prefix.
 */
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // react-admin plus MUI is one large vendor chunk; 1.5 MB keeps the warning for real growth.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // MUI marks its modules "use client" for React Server Components; a SPA has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
});
