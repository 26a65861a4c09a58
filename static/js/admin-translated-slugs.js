/* In the page editor, fill each language's slug from that language's title, as Wagtail does
   for an untranslated title: only while the slug was empty when the page was opened and has
   not been typed in since. Titles and slugs are translated fields (title_fr, slug_fr, …). */
(function () {
  "use strict";

  function slugify(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’]/g, "-")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 255);
  }

  function connect() {
    document.querySelectorAll("input[name^='title_']").forEach(function (title) {
      var language = title.name.slice("title_".length);
      var slug = document.querySelector("input[name='slug_" + language + "']");
      if (!slug || slug.value) {
        return; // an existing slug is an address in use: never change it behind the editor
      }
      var touched = false;
      slug.addEventListener("input", function () {
        touched = true;
      });
      title.addEventListener("input", function () {
        if (!touched) {
          slug.value = slugify(title.value);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
})();
