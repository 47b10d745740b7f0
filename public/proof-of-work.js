// Loads the ALTCHA widget (served from this site) for a sign form that asks for a proof of work, with
// the worker it solves challenges in and its texts in the page's language.
(async () => {
  if (!document.querySelector('altcha-widget')) return;
  await import('/altcha/altcha.js');
  globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker('/altcha/pbkdf2.js'));
  const lang = document.documentElement.lang;
  if (['be', 'ru', 'uk'].includes(lang)) await import(`/altcha/i18n/${lang}.js`);
})();
