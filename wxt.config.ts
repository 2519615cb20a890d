import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';

// WXT's own `browser`: the browser's native, promise-based namespace (`browser` in Firefox, `chrome` in Chrome MV3).
const nativeBrowser = createRequire(createRequire(import.meta.url).resolve('wxt')).resolve('@wxt-dev/browser');

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
  hooks: {
    // Content scripts are injected into every accounting page: they use the native namespace, which already returns
    // promises for the two calls they make (sendMessage, onMessage), instead of webextension-polyfill. That saves
    // 2.7 KB gzipped and the polyfill's set-up on each page load; the background and the extension's pages keep the
    // polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entry) => entry.type === 'content-script')) return;
      config.resolve ??= {};
      const alias = config.resolve.alias ?? [];
      const entries = Array.isArray(alias) ? alias : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
      config.resolve.alias = [{ find: /^wxt\/browser$/, replacement: nativeBrowser }, ...entries];
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // Terser compresses about 4% better than esbuild's minifier: it keeps the accounting content script, injected
    // into every accounting page, within its 30 KB gzipped budget (`npm run bench` reports the sizes).
    build: { target: 'es2022', sourcemap: Boolean(process.env.AMIABLE_SOURCEMAP), minify: process.env.AMIABLE_NO_MINIFY ? false : 'terser', terserOptions: { compress: { passes: 2 } } },
  }),
});
