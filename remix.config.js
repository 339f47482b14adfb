// RONGYE_BUILD_DIR gives a build its own folder (parallel end-to-end runs); unset → build/ and public/build/.
const out = process.env.RONGYE_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: out ? `${out}/server/index.js` : "build/index.js",
  assetsBuildDirectory: out ? `${out}/public/build` : "public/build",
  cacheDirectory: out ? `${out}/.cache` : ".cache",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Server-only packages stay external; the custom server passes db/search/mailer in through load context.
  serverDependenciesToBundle: [/^remix-utils.*/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
