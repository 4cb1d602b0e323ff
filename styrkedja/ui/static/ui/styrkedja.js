// After htmx replaces part of a page, move keyboard focus to what changed and tell
// screen reader users what happened (WCAG 2.4.3 focus order, 4.1.3 status messages).
// Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) { return; }
    region.textContent = "";
    // A fresh text node after a tick is announced even when the words repeat.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function focusTarget(root) {
    var invalid = root.querySelector('[aria-invalid="true"]');
    if (invalid) { return { element: invalid, error: true }; }
    var field = root.querySelector("input:not([type=hidden]), textarea, select");
    if (field && root.matches(".editing, .editing *")) { return { element: field, error: false }; }
    return { element: root, error: false };
  }

  function isTyping(event) {
    // Search as you type: the field that asked still has the focus and must keep it,
    // or what the user types next is lost.
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    var active = document.activeElement;
    return Boolean(trigger && active && trigger === active &&
      active.matches("input:not([type=checkbox]):not([type=radio]), textarea"));
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    if (isTyping(event)) { return; }
    var root = event.detail.elt;
    if (!root || !root.isConnected) {
      root = event.detail.target;
    }
    if (!root || !root.isConnected) { return; }
    var found = focusTarget(root);
    if (!found.element.matches("a, button, input, select, textarea, [tabindex]")) {
      found.element.setAttribute("tabindex", "-1");
    }
    found.element.focus({ preventScroll: false });
    var body = document.body;
    announce(found.error ? body.dataset.announceInvalid : body.dataset.announceUpdated);
  });
})();
