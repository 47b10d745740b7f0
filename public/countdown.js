// Keeps the letter's countdown ("closes in 3 days") current while the page stays open, and says the
// letter is closed once its deadline passes. Without this script the page shows the time left as it
// was rendered (src/views/letter-meta.tsx writes the same words the same way).
(function () {
  'use strict';
  var MINUTE = 60000;
  var HOUR = 60 * MINUTE;
  var DAY = 24 * HOUR;

  function update(el) {
    var left = Number(el.getAttribute('data-deadline')) - Date.now();
    if (left <= 0) {
      el.textContent = el.getAttribute('data-closed');
      return;
    }
    var unit = left >= DAY ? 'day' : left >= HOUR ? 'hour' : 'minute';
    var amount = Math.max(1, Math.floor(left / { day: DAY, hour: HOUR, minute: MINUTE }[unit]));
    var forms = JSON.parse(el.getAttribute('data-units'))[unit];
    var word = forms[new Intl.PluralRules(el.getAttribute('data-lang')).select(amount)] || forms.other;
    el.textContent = el.getAttribute('data-template').replace('{left}', amount + ' ' + word);
    // Again when the words could change, and at the deadline itself.
    setTimeout(function () { update(el); }, Math.min(left, MINUTE / 2));
  }

  var els = document.querySelectorAll('.countdown[data-deadline]');
  for (var i = 0; i < els.length; i++) update(els[i]);
})();
