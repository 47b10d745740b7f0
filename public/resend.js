// Sends the confirmation mail again with nothing kept on the server and no address in a link or a
// cookie. The sign form's fields are kept in this tab's sessionStorage as it is sent; the check-email
// page takes them out again at once (they then live only in that page) and its button posts the same
// form to the same signing, under the same mail allowances. Without this script, or with nothing kept,
// the check-email page keeps its link back to the letter's form.
(function () {
  'use strict';
  var storage;
  try {
    storage = window.sessionStorage;
  } catch (blocked) {
    return;
  }
  var PREFIX = 'undersigned-resend:';
  // A solved proof of work is spent once: a resend goes without it, under the stricter limit.
  var SKIPPED = ['altcha'];

  document.querySelectorAll('form.sign').forEach(function (form) {
    var key = PREFIX + form.getAttribute('action');
    // Shown (again), the form has left behind whatever an earlier sending kept.
    storage.removeItem(key);
    form.addEventListener('submit', function () {
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        if (typeof value === 'string' && SKIPPED.indexOf(name) === -1) fields.push([name, value]);
      });
      storage.setItem(key, JSON.stringify(fields));
    });
  });

  document.querySelectorAll('.resend').forEach(function (box) {
    var form = box.querySelector('form');
    var key = PREFIX + form.getAttribute('action');
    var kept = storage.getItem(key);
    storage.removeItem(key);
    if (kept === 'resent') {
      box.querySelector('.resent').hidden = false;
      return;
    }
    if (!kept) return;
    JSON.parse(kept).forEach(function (field) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = field[0];
      input.value = field[1];
      form.appendChild(input);
    });
    // The page this resend leads to says it was sent, and offers the link back rather than a button.
    form.addEventListener('submit', function () {
      storage.setItem(key, 'resent');
    });
    form.hidden = false;
    box.querySelector('.sign-again').hidden = true;
  });
})();
