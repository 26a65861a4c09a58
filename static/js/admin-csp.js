/* The Wagtail admin without inline scripts, so that its Content-Security-Policy can forbid them.

   A few Wagtail templates (inline panels, date and time widgets) start their JavaScript with an
   inline <script>; the overrides in templates/wagtailadmin/ leave an inert
   <template data-ciso-init="…" data-ciso-config="…"> instead, and this file makes the same call,
   as soon as the element is parsed (when the inline script would have run) or inserted later.
   Loaded on every admin page, after Wagtail's own scripts (ciso/wagtail_hooks.py). */
(function () {
  "use strict";

  // The globals those scripts called: constructors (`new InlinePanel(options)`,
  // `new PageChooser(id, options)`) and functions (`initDateChooser(id, options)`). Only these:
  // an element cannot make this file call anything else.
  var CONSTRUCTOR = "new";
  var FUNCTION = "call";
  var initialisers = {
    InlinePanel: CONSTRUCTOR,
    MultipleChooserPanel: CONSTRUCTOR,
    Chooser: CONSTRUCTOR,
    PageChooser: CONSTRUCTOR,
    ImageChooser: CONSTRUCTOR,
    DocumentChooser: CONSTRUCTOR,
    SnippetChooser: CONSTRUCTOR,
    initDateChooser: FUNCTION,
    initTimeChooser: FUNCTION,
    initDateTimeChooser: FUNCTION,
    createTaskChooser: FUNCTION,
  };

  function initialise(element) {
    var name = element.dataset.cisoInit;
    if (element.dataset.cisoDone || !Object.prototype.hasOwnProperty.call(initialisers, name)) {
      return;
    }
    var fn = window[name];
    if (typeof fn !== "function") {
      return; // its script comes later in the page: the sweep at DOMContentLoaded does it
    }
    element.dataset.cisoDone = "true";
    var args = [];
    if (element.dataset.cisoTarget) {
      args.push(element.dataset.cisoTarget);
    }
    if (element.dataset.cisoConfig) {
      args.push(JSON.parse(element.dataset.cisoConfig));
    }
    if (initialisers[name] === CONSTRUCTOR) {
      new (Function.prototype.bind.apply(fn, [null].concat(args)))();
    } else {
      fn.apply(window, args);
    }
  }

  function initialiseWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    if (node.matches("template[data-ciso-init]")) {
      initialise(node);
    }
    node.querySelectorAll("template[data-ciso-init]").forEach(initialise);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(initialiseWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  initialiseWithin(document.documentElement);
  document.addEventListener("DOMContentLoaded", function () {
    initialiseWithin(document.documentElement);
  });
})();
