// Shows the share component's buttons where the browser can do what they do: the device's share
// sheet (navigator.share) and copying the letter's link. Without this script the page keeps the
// plain links and the link to select by hand.
(function () {
  'use strict';
  document.querySelectorAll('.share-native').forEach(function (button) {
    if (typeof navigator.share !== 'function') return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var data = { title: button.dataset.shareTitle, text: button.dataset.shareText, url: button.dataset.shareUrl };
      // A closed share sheet rejects the promise: nothing to tell the reader.
      navigator.share(data).catch(function () {});
    });
  });
  document.querySelectorAll('.share-copy').forEach(function (button) {
    if (!navigator.clipboard || typeof navigator.clipboard.writeText !== 'function') return;
    button.hidden = false;
    var status = button.parentNode.querySelector('.share-copied');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        status.textContent = button.dataset.copied;
      });
    });
  });
})();
