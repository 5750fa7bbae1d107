/* The article's "Show annotations" switch.
 *
 * The page arrives as clean text: a name is linked at its first mention, the other mentions wait as
 * <a data-href> without an address, quotes are not highlighted, the lists below each paragraph are
 * folded (<details>) and readable without this script. The switch, shown only when this script
 * runs, gives every mention its address, highlights the quotes and opens the lists; the reader's
 * choice is remembered (localStorage) on every page that has the switch.
 */
(function () {
  "use strict";

  var KEY = "nkx-annotations";

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return false; // storage blocked: the clean view
    }
  }

  function remember(on) {
    try {
      window.localStorage.setItem(KEY, on ? "on" : "off");
    } catch (error) {
      /* storage blocked: the choice lasts for this page */
    }
  }

  function show(article, on) {
    article.classList.toggle("nkx-annotated", on);
    article.querySelectorAll("a[data-href]").forEach(function (mention) {
      if (on) {
        mention.setAttribute("href", mention.getAttribute("data-href"));
      } else {
        mention.removeAttribute("href");
      }
    });
    article.querySelectorAll("details.nkx-rests").forEach(function (list) {
      list.open = on;
    });
  }

  function setUp() {
    var control = document.getElementById("nkx-annotations");
    if (!control || control.dataset.ready) {
      return;
    }
    var article = control.closest(".md-typeset") || document.body;
    control.dataset.ready = "yes";
    control.checked = remembered();
    show(article, control.checked);
    article.classList.add("nkx-scripted");
    control.closest(".nkx-switch").hidden = false;
    control.addEventListener("change", function () {
      show(article, control.checked);
      remember(control.checked);
    });
  }

  // Material announces each page it shows on document$ (also with instant navigation); without it, the DOM.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
