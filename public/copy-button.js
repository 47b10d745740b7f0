// Shows the copy buttons beside the embed snippets and copies a snippet when its button is pressed.
// Without this script the buttons stay hidden and the snippets are there to select.
(function () {
  'use strict';
  if (!navigator.clipboard) return;
  var buttons = document.querySelectorAll('button[data-copy-from]');
  for (var i = 0; i < buttons.length; i++) {
    var button = buttons[i];
    button.hidden = false;
    button.addEventListener('click', function (event) {
      var target = event.currentTarget;
      var label = target.textContent;
      navigator.clipboard.writeText(document.getElementById(target.getAttribute('data-copy-from')).value).then(function () {
        target.textContent = target.getAttribute('data-copied');
        setTimeout(function () {
          target.textContent = label;
        }, 2000);
      });
    });
  }
})();
