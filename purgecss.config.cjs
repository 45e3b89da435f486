// PurgeCSS keeps only the KERN UX rules whose classes appear in the project's templates,
// scripts and Python files (form widgets set classes there). Run by `manage.py build_assets`
// (called by `make install`); the output goes to build/static/build/.
module.exports = {
  css: ["node_modules/@kern-ux/native/dist/kern.min.css"],
  content: [
    "src/ehrensache/**/templates/**/*.html",
    "src/ehrensache/**/static/**/*.js",
    "src/ehrensache/**/*.py",
  ],
  // Classes put together in templates from a prefix and a value ("kern-alert--{{ tag }}",
  // "kern-form-check__{{ kind }}"): keep every variant of those components.
  safelist: {
    standard: [/^kern-alert--/, /^kern-badge--/, /^kern-form-check__/, /^kern-btn--/, /--error$/],
    greedy: [/^kern-table/],
  },
  fontFace: true,
  keyframes: true,
  variables: true,
};
