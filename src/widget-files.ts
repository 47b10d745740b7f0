/**
 * The ALTCHA widget, served from this site under /altcha/ (no third-party host), from the `altcha`
 * package: its build without inline styles and workers (`external`), so the pages' CSP stays as it
 * is; the PBKDF2 worker it solves with; and its texts in the site's languages besides English. Paths
 * on the site, to paths in the package's dist/. Node serves them from node_modules; for Workers,
 * wrangler's build step copies them into public/ (see src/copy-widget.node.ts).
 */
export const WIDGET_FILES: Readonly<Record<string, string>> = {
  '/altcha/altcha.js': 'external/altcha.min.js',
  '/altcha/altcha.css': 'external/altcha.css',
  '/altcha/pbkdf2.js': 'workers/pbkdf2.js',
  '/altcha/i18n/be.js': 'i18n/be.js',
  '/altcha/i18n/ru.js': 'i18n/ru.js',
  '/altcha/i18n/uk.js': 'i18n/uk.js',
};

export const WIDGET_STYLESHEET = '/altcha/altcha.css';
/** Ours, in public/: loads the widget, its worker and its texts where a form shows it. */
export const PROOF_OF_WORK_SCRIPT = '/proof-of-work.js';
