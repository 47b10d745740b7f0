// Keeps every .live-count element of the page current, and the goal's progress with them: from the
// Server-Sent Events stream where the page offers one (data-stream-url), else by polling the count
// JSON every 10 s with If-None-Match, so an unchanged count costs a 304. One stream or poll per
// count URL, however many places show it. Without this script the page shows the count it was
// rendered with.
(function () {
  'use strict';
  var POLL_MS = 10000;

  // The word agrees with the number shown ("2,500+" takes the form of 2500), by the page's language.
  function word(el, data) {
    var forms = JSON.parse(el.getAttribute('data-forms'));
    var shown = data.count < 1000 ? data.count : Number(data.display.replace(/\D/g, ''));
    return forms[new Intl.PluralRules(el.getAttribute('data-lang')).select(shown)] || forms.other;
  }

  function render(el, data) {
    el.setAttribute('data-count', String(data.count));
    var zero = data.count === 0 ? el.getAttribute('data-zero') : null;
    var show = el.getAttribute('data-show');
    if (show === 'number') {
      el.textContent = data.count > 0 ? data.display : '';
    } else if (show === 'tally') {
      el.querySelector('.count-number').textContent = zero ? '' : data.display;
      el.querySelector('.count-word').textContent = zero || word(el, data);
    } else {
      el.textContent = zero || data.display + ' ' + word(el, data);
    }
  }

  function showAll(elements, data) {
    if (String(data.count) === elements[0].getAttribute('data-count')) return;
    for (var i = 0; i < elements.length; i++) render(elements[i], data);
    var format = new Intl.NumberFormat(elements[0].getAttribute('data-lang'));
    var counts = document.querySelectorAll('[data-goal-count]');
    for (var j = 0; j < counts.length; j++) counts[j].textContent = format.format(data.count);
    var goal = document.querySelector('progress[data-goal]');
    if (goal) goal.value = Math.min(data.count, Number(goal.max));
  }

  function poll(elements) {
    var etag = null;
    function tick() {
      var headers = etag ? { 'If-None-Match': etag } : {};
      fetch(elements[0].getAttribute('data-count-url'), { headers: headers, cache: 'no-store' })
        .then(function (res) {
          if (res.status !== 200) return null;
          etag = res.headers.get('ETag');
          return res.json();
        })
        .then(function (data) {
          if (data) showAll(elements, data);
        })
        .catch(function () {})
        .then(function () {
          setTimeout(tick, POLL_MS);
        });
    }
    setTimeout(tick, POLL_MS);
  }

  function follow(elements) {
    var url = elements[0].getAttribute('data-stream-url');
    if (!url || !window.EventSource) return poll(elements);
    var source = new EventSource(url);
    var failures = 0;
    source.addEventListener('count', function (event) {
      failures = 0;
      showAll(elements, JSON.parse(event.data));
    });
    source.onerror = function () {
      // EventSource retries by itself; give up on it when the server refuses or it keeps failing.
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        poll(elements);
      }
    };
  }

  var byUrl = {};
  var all = document.querySelectorAll('.live-count[data-count-url]');
  for (var i = 0; i < all.length; i++) {
    var url = all[i].getAttribute('data-count-url');
    (byUrl[url] = byUrl[url] || []).push(all[i]);
  }
  for (var key in byUrl) follow(byUrl[key]);
})();
