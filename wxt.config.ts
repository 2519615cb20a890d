import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Amiable' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'amiable@amiable.app', strict_min_version: '128.0' } } }
      : {}),
  }),
  manifestVersion: 3,
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // Terser compresses about 4% better than esbuild's minifier: it keeps the accounting content script, injected
    // into every accounting page, within its 30 KB gzipped budget (`npm run bench` reports the sizes).
    build: { target: 'es2022', minify: process.env.AMIABLE_NO_MINIFY ? false : 'terser', terserOptions: { compress: { passes: 2 } } },
  }),
});
