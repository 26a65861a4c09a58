/* wagtail-modeltranslation's editor scripts read their settings from a global that the package
   sets with an inline <script>, which the admin's Content-Security-Policy forbids.
   ciso/wagtail_hooks.py puts the same settings in an inert JSON block just before this file. */
(function () {
  "use strict";
  var config = document.getElementById("ciso-modeltranslation-config");
  if (config) {
    window.wagtailModelTranslations = JSON.parse(config.textContent);
  }
})();
