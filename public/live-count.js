// Keeps each .live-count element current: from the Server-Sent Events stream where the page offers one
// (data-stream-url), else by polling the count JSON every 10 s with If-None-Match, so an unchanged
// count costs a 304. Without this script the page shows the count it was rendered with.
(function () {
  'use strict';
  var POLL_MS = 10000;

  function show(el, data) {
    if (String(data.count) === el.getAttribute('data-count')) return;
    el.setAttribute('data-count', String(data.count));
    var zero = el.getAttribute('data-zero');
    // The word agrees with the number shown ("2,500+" takes the form of 2500), by the page's language.
    var forms = JSON.parse(el.getAttribute('data-forms'));
    var shown = data.count < 1000 ? data.count : Number(data.display.replace(/\D/g, ''));
    var form = forms[new Intl.PluralRules(el.getAttribute('data-lang')).select(shown)] || forms.other;
    el.textContent = data.count === 0 && zero ? zero : data.display + ' ' + form;
    var goal = document.querySelector('progress[data-goal]');
    if (goal) goal.value = Math.min(data.count, Number(goal.max));
  }

  function poll(el) {
    var etag = null;
    function tick() {
      var headers = etag ? { 'If-None-Match': etag } : {};
      fetch(el.getAttribute('data-count-url'), { headers: headers, cache: 'no-store' })
        .then(function (res) {
          if (res.status !== 200) return null;
          etag = res.headers.get('ETag');
          return res.json();
        })
        .then(function (data) {
          if (data) show(el, data);
        })
        .catch(function () {})
        .then(function () {
          setTimeout(tick, POLL_MS);
        });
    }
    setTimeout(tick, POLL_MS);
  }

  function follow(el) {
    var url = el.getAttribute('data-stream-url');
    if (!url || !window.EventSource) return poll(el);
    var source = new EventSource(url);
    var failures = 0;
    source.addEventListener('count', function (event) {
      failures = 0;
      show(el, JSON.parse(event.data));
    });
    source.onerror = function () {
      // EventSource retries by itself; give up on it when the server refuses or it keeps failing.
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        poll(el);
      }
    };
  }

  var elements = document.querySelectorAll('.live-count[data-count-url]');
  for (var i = 0; i < elements.length; i++) follow(elements[i]);
})();
